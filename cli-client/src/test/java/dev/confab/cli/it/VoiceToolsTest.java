package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.audio.SpeechMatch;
import dev.confab.client.audio.device.AudioAnalysis;
import dev.confab.client.audio.device.WavFile;
import dev.confab.protocol.Role;
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
        int bots = 6;
        int seconds = 5;
        Process run = as(adminToken).start(List.of("--json", "bots", "--count", Integer.toString(bots), "--rooms", "2",
                "--wav", SPEECH.toAbsolutePath().toString(), "--duration", Integer.toString(seconds)));
        run.getOutputStream().close();
        // The rooms exist once the bots start joining; then a listener records one of them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!as(adminToken).run("rooms").ok().out().contains("bots-1")) {
            assertThat(System.nanoTime()).as("bots made their rooms").isLessThan(deadline);
            Thread.sleep(100);
        }
        Path recording = dir.resolve("bots.wav");
        Cli.Result recorded = as(memberToken).run("--json", "record", "--room", "bots-1", "--seconds", "3",
                recording.toString()).ok();
        // Three bots speak in bots-1; on two shared cores, at least two are heard at once.
        assertThat(Json.object(recorded.out()).get("speakers").asInt()).as("bots heard at once in bots-1")
                .isBetween(2, 3);
        float[] heard = SpeechMatch.leftChannel(recording);
        assertThat(AudioAnalysis.rmsDbfs(heard, 0, heard.length)).as("the recording's level").isGreaterThan(-40);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("bots ended").isTrue();
        String stderr = new String(run.getErrorStream().readAllBytes());
        assertThat(run.exitValue()).as("bots' exit; stderr: " + stderr).isZero();
        assertThat(stderr).as("quiet without --verbose").isEmpty();
        JsonNode ran = Json.object(new String(run.getInputStream().readAllBytes()).strip());
        System.out.println("bots: " + ran);
        assertThat(ran.get("bots").asInt()).isEqualTo(bots);
        assertThat(ran.get("seconds").asInt()).isEqualTo(seconds);
        assertThat(ran.get("rooms")).extracting(JsonNode::asText).containsExactly("bots-1", "bots-2");
        assertThat(ran.get("transports").get("udp").asInt()).isEqualTo(bots);
        // 50 packets a second per bot during the seconds, less DTX in the fixture's pauses.
        long expected = 50L * bots * seconds;
        assertThat(ran.get("packetsSent").asLong()).isBetween(expected * 4 / 10, expected * 11 / 10);
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
        long sent = echoed.get("packetsSent").asLong();
        assertThat(sent).isGreaterThan(100);
        assertThat(echoed.get("packetsHeard").asLong()).as("echoes of " + sent + " packets").isBetween(sent * 9 / 10, sent);
        assertThat(echoed.get("roundTripMs").asLong()).isLessThan(500);
        assertThat(echoed.get("micPeakDbfs").asDouble()).isBetween(-20.0, 0.0);
        assertThat(echoed.get("heardPeakDbfs").asDouble()).isGreaterThan(-40.0);

        SpeechMatch match = SpeechMatch.of(WavFile.read(SPEECH).audio().samples(), SpeechMatch.leftChannel(heard));
        System.out.println("echo-test: " + match);
        assertThat(match.correlation()).isGreaterThanOrEqualTo(AudioCommandsTest.MIN_CORRELATION);
        assertThat(Math.abs(match.levelDb())).isLessThanOrEqualTo(AudioCommandsTest.MAX_LEVEL_DB);
    }

    @Test
    void echoTestRefusesAnUnknownBackendOrDevice(@TempDir Path dir) {
        as(memberToken).run("echo-test", "--backend", "nope").fails(2, "usage").mentions("nope");
        as(memberToken).run("echo-test", "--seconds", "0").fails(2, "usage").mentions("--seconds must be 1 to 600");
        as(memberToken).run("echo-test", "--backend", "wav", "--input", dir.resolve("none.wav").toString(),
                "--output", dir.resolve("out.wav").toString(), "--seconds", "1").fails(9, "bad_audio")
                .mentions("none.wav", "does not exist");
        assertThat(dir.resolve("out.wav")).as("no output without input").doesNotExist();
    }
}
