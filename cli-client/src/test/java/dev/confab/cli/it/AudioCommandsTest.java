package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.audio.SpeechMatch;
import dev.confab.client.audio.device.WavFile;
import dev.confab.protocol.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audio devices, play and record, through real processes against a real server. */
class AudioCommandsTest {

    /** The speech fixture: "The quick brown fox jumps over the lazy dog." (3.09 s, 48 kHz mono, RMS -22 dBFS). */
    static final Path SPEECH = Path.of("src/test/resources/speech-48k-mono.wav");
    /**
     * The least correlation of the recording with the input after alignment, piecewise over
     * 200 ms segments (the jitter buffer may shift whole frames between talk spurts). Opus at
     * the room's 32 kb/s after the capture path's 80 Hz high-pass keeps about 0.8; client-core's
     * engine test asks 0.7 of an in-memory loopback. Through a real server and two processes
     * sharing two cores, a little lower still; anything but this speech in this order scores
     * near 0.
     */
    static final double MIN_CORRELATION = 0.6;
    /** The recording's level over the speech, against the input's. */
    static final double MAX_LEVEL_DB = 3;

    @TempDir
    static Path serverData;
    static CliServer server;
    static String adminToken;
    static String speakerToken;
    static String listenerToken;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        adminToken = server.tokenFor(server.createUser("boss", Role.ADMIN));
        speakerToken = server.tokenFor(server.createUser("bot", Role.MEMBER));
        listenerToken = server.tokenFor(server.createUser("ear", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli as(String token) {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    @Test
    void devicesListEveryBackendWithoutAServer() {
        List<JsonNode> rows = Json.lines(new Cli(home).run("--json", "audio", "devices").ok().out());
        assertThat(rows).extracting(row -> row.get("backend").asText()).contains("wav", "null");
        assertThat(rows).allSatisfy(row -> assertThat(row.get("kind").asText()).isIn("capture", "playback", "backend"));
        JsonNode nullCapture = rows.stream().filter(row -> row.get("backend").asText().equals("null")
                && row.get("kind").asText().equals("capture")).findFirst().orElseThrow();
        assertThat(nullCapture.get("name").asText()).isEqualTo("null");
        assertThat(nullCapture.has("description")).isTrue();

        assertThat(new Cli(home).run("audio", "devices").ok().out()).contains("wav: available", "null: available");
    }

    @Test
    void badInputIsRefused(@TempDir Path dir) throws IOException {
        Cli bot = as(speakerToken);
        Cli.Result missing = bot.run("play", "--room", "Lobby", dir.resolve("nothing.wav").toString());
        assertThat(missing.exit()).isEqualTo(9);
        assertThat(missing.err()).contains("bad_audio");
        Path text = Files.writeString(dir.resolve("text.wav"), "not audio at all, but long enough to be read\n");
        assertThat(bot.run("play", "--room", "Lobby", text.toString()).exit()).isEqualTo(9);
        assertThat(bot.run("play", "--room", "Nowhere", SPEECH.toAbsolutePath().toString()).exit()).isEqualTo(4);
        assertThat(bot.run("record", "--room", "Lobby", "--seconds", "0", dir.resolve("out.wav").toString()).exit())
                .isEqualTo(2);
        assertThat(bot.run("record", "--room", "Lobby", "--seconds", "1", dir.resolve("no/such/out.wav").toString())
                .exit()).isEqualTo(9);
    }

    @Test
    void whatOneSpeaksTheOtherRecords(@TempDir Path dir) throws Exception {
        as(adminToken).run("room", "create", "Studio").ok();
        Path out = dir.resolve("room.wav");
        long started = System.nanoTime();
        Process recorder = listening("studio", 12, out);
        Cli.Result played = as(speakerToken).run("--json", "play", "--room", "Studio", SPEECH.toAbsolutePath().toString());
        played.ok();
        JsonNode playJson = Json.object(played.out());
        assertThat(playJson.get("roomName").asText()).isEqualTo("Studio");
        assertThat(playJson.get("seconds").asDouble()).isBetween(3.0, 3.2);

        assertThat(recorder.waitFor(40, TimeUnit.SECONDS)).as("record ended").isTrue();
        String stdout = new String(recorder.getInputStream().readAllBytes());
        String stderr = new String(recorder.getErrorStream().readAllBytes());
        assertThat(recorder.exitValue()).as("record's exit; stderr: " + stderr).isZero();
        JsonNode recorded = Json.object(stdout.strip());
        assertThat(recorded.get("roomName").asText()).isEqualTo("Studio");
        assertThat(recorded.get("seconds").asDouble()).isBetween(11.9, 12.1);
        assertThat(recorded.get("speakers").asInt()).isEqualTo(1);

        SpeechMatch match = SpeechMatch.of(WavFile.read(SPEECH).audio().samples(), SpeechMatch.leftChannel(out));
        System.out.printf("play -> record: %s, took %d ms%n", match,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(Math.abs(match.levelDb())).as("level difference in dB").isLessThanOrEqualTo(MAX_LEVEL_DB);
        assertThat(match.correlation()).as("correlation with the input").isGreaterThanOrEqualTo(MIN_CORRELATION);
    }

    /** In an echo room everyone hears only themselves: a bot playing there reaches no recorder. */
    @Test
    void inAnEchoRoomABotIsHeardByNobodyElse(@TempDir Path dir) throws Exception {
        as(adminToken).run("room", "create", "Booth", "--echo").ok();
        Path out = dir.resolve("booth.wav");
        Process recorder = listening("Booth", 8, out);
        as(speakerToken).run("--json", "play", "--room", "Booth", SPEECH.toAbsolutePath().toString()).ok();

        assertThat(recorder.waitFor(40, TimeUnit.SECONDS)).as("record ended").isTrue();
        String stdout = new String(recorder.getInputStream().readAllBytes());
        assertThat(recorder.exitValue()).as("record's exit; stderr: " + new String(recorder.getErrorStream().readAllBytes()))
                .isZero();
        assertThat(Json.object(stdout.strip()).get("speakers").asInt()).as("speakers heard in the echo room").isZero();
    }

    /**
     * {@code confab-cli --json record} by the listener, returned once it listens: its file grows
     * when it has joined, voice has a path and the codec is warm.
     */
    private Process listening(String room, int seconds, Path out) throws Exception {
        Process recorder = as(listenerToken).start(List.of("--json", "record", "--room", room, "--seconds",
                String.valueOf(seconds), out.toString()));
        recorder.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(out) || Files.size(out) < 44 + 4 * 4800) {
            assertThat(recorder.isAlive()).as("record is running").isTrue();
            assertThat(System.nanoTime()).as("record started listening").isLessThan(deadline);
            Thread.sleep(50);
        }
        return recorder;
    }
}
