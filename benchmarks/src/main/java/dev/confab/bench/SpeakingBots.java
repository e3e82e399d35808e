package dev.confab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code confab-cli bots} as its own process: real clients, each its own chat session and voice
 * connection, speaking real Opus (a WAV file, looped) into one room, so the people in that room
 * receive, decode and show ten voices at once. Closing it sends SIGTERM (the bots log out), then
 * SIGKILL if they have not gone within 15 s.
 */
final class SpeakingBots implements AutoCloseable {
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

    private final Process process;
    private final Path output;
    private final Thread killOnExit;

    private SpeakingBots(Process process, Path output) {
        this.process = process;
        this.output = output;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-confab-bots");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code count} bots speaking {@code wav} in the room {@code roomPrefix + "1"} for
     * {@code seconds}; what they print goes to {@code output}.
     */
    static SpeakingBots start(Path cliJar, Map<String, String> environment, int count, String roomPrefix, Path wav,
                              int seconds, Path output) throws IOException {
        if (!Files.isRegularFile(cliJar)) {
            throw new IOException("no confab-cli jar at " + cliJar.toAbsolutePath() + " (build it, or pass --cli-jar)");
        }
        ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaExecutable(), "-jar", cliJar.toAbsolutePath().toString(),
                "bots", "--count", Integer.toString(count), "--rooms", "1", "--room-prefix", roomPrefix,
                "--wav", wav.toString(), "--duration", Integer.toString(seconds))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new SpeakingBots(builder.start(), output);
    }

    long pid() {
        return process.pid();
    }

    /** Fails, with what they printed, when the bots have already exited. */
    void requireRunning() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("confab-cli bots exited with " + process.exitValue() + ": " + printed());
        }
    }

    private String printed() throws IOException {
        return String.join(" / ", List.of(Files.readString(output, StandardCharsets.UTF_8).strip().split("\n")));
    }

    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_PATIENCE, killOnExit);
    }
}
