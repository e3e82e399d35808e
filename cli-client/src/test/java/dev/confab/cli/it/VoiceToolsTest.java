package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.audio.SpeechMatch;
import dev.confab.client.audio.device.WavFile;
import dev.confab.protocol.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bots and echo-test, as processes against a real server. */
class VoiceToolsTest {

    static final Path SPEECH = AudioCommandsTest.SPEECH;

    @TempDir
    static Path serverData;
    static CliServer server;
    static String adminToken;
    static String memberToken;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        adminToken = server.tokenFor(server.createUser("boss", Role.ADMIN));
        memberToken = server.tokenFor(server.createUser("echo", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli as(String token) {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    @Test
    void botsSpeakInTheirRoomsWhileARecordingHearsThem(@TempDir Path dir) throws Exception {
        Process bots = as(adminToken).start(List.of("--json", "bots", "--count", "4", "--rooms", "2", "--wav",
                SPEECH.toAbsolutePath().toString(), "--duration", "6"));
        bots.getOutputStream().close();
        // The rooms exist once the bots start joining; then a listener records one of them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!as(adminToken).run("rooms").ok().out().contains("bots-1")) {
            assertThat(System.nanoTime()).as("bots made their rooms").isLessThan(deadline);
            Thread.sleep(100);
        }
        Cli.Result recorded = as(memberToken).run("--json", "record", "--room", "bots-1", "--seconds", "3",
                dir.resolve("bots.wav").toString()).ok();
        assertThat(Json.object(recorded.out()).get("speakers").asInt()).as("bots heard at once in bots-1").isEqualTo(2);

        assertThat(bots.waitFor(60, TimeUnit.SECONDS)).as("bots ended").isTrue();
        String stderr = new String(bots.getErrorStream().readAllBytes());
        assertThat(bots.exitValue()).as("bots' exit; stderr: " + stderr).isZero();
        JsonNode ran = Json.object(new String(bots.getInputStream().readAllBytes()).strip());
        assertThat(ran.get("bots").asInt()).isEqualTo(4);
        assertThat(ran.get("rooms")).extracting(JsonNode::asText).containsExactly("bots-1", "bots-2");
        assertThat(ran.get("transports").get("udp").asInt()).isEqualTo(4);
        // 4 bots x 6 s x 50 packets a second, less DTX in the fixture's pauses: most of 1200.
        assertThat(ran.get("packetsSent").asLong()).isBetween(600L, 1400L);
        assertThat(ran.get("sendsDropped").asLong()).isZero();
    }

    @Test
    void botsRefuseBadInputClearly(@TempDir Path dir) {
        as(adminToken).run("bots", "--count", "0", "--wav", SPEECH.toString(), "--duration", "1").fails(2, "usage")
                .mentions("--count must be 1 to 500");
        as(adminToken).run("bots", "--count", "2", "--rooms", "3", "--wav", SPEECH.toString(), "--duration", "1")
                .fails(2, "usage");
        as(adminToken).run("bots", "--count", "1", "--wav", dir.resolve("none.wav").toString(), "--duration", "1")
                .fails(9, "bad_audio").mentions("there is no file");
        as(memberToken).run("bots", "--count", "1", "--wav", SPEECH.toAbsolutePath().toString(), "--duration", "1",
                "--room-prefix", "members-may-not-").fails(5, "forbidden");
    }

    @Test
    void echoTestPlaysBackWhatWasSaid(@TempDir Path dir) throws Exception {
        Path heard = dir.resolve("heard.wav");
        Cli.Result result = as(memberToken).run("--json", "echo-test", "--backend", "wav", "--input",
                SPEECH.toAbsolutePath().toString(), "--output", heard.toString(), "--seconds", "5", "--continuous").ok();
        JsonNode echoed = Json.object(result.out());
        assertThat(echoed.get("verdict").asText()).isEqualTo("ok");
        assertThat(echoed.get("transport").asText()).isEqualTo("udp");
        assertThat(echoed.get("packetsSent").asLong()).isGreaterThan(100);
        assertThat(echoed.get("roundTripMs").asLong()).isLessThan(500);

        SpeechMatch match = SpeechMatch.of(WavFile.read(SPEECH).audio().samples(), SpeechMatch.leftChannel(heard));
        System.out.println("echo-test: " + match);
        assertThat(match.correlation()).isGreaterThanOrEqualTo(AudioCommandsTest.MIN_CORRELATION);
        assertThat(Math.abs(match.levelDb())).isLessThanOrEqualTo(AudioCommandsTest.MAX_LEVEL_DB);
    }

    @Test
    void echoTestRefusesAnUnknownBackendOrDevice(@TempDir Path dir) {
        as(memberToken).run("echo-test", "--backend", "nope").fails(2, "usage").mentions("nope");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
        as(memberToken).run("echo-test", "--backend", "wav", "--input", dir.resolve("none.wav").toString(),
                "--output", dir.resolve("out.wav").toString(), "--seconds", "1").fails(9, "bad_audio");
    }
}
