package dev.confab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A confab-server started from its jar as a separate process, on 127.0.0.1 with a port the
 * kernel picks and a fresh data folder, so every run measures an empty server and leaves
 * nothing behind. Closing it (or the load generator's JVM exiting in any way short of SIGKILL)
 * stops the process and deletes the folder.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("confab-server listening on 127\\.0\\.0\\.1:(\\d+) \\(TLS\\)");
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint (SHA256:\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Path folder;
    private final Path jar;
    private final int port;
    private final String fingerprint;
    private final boolean keepData;
    private final Thread killOnExit;

    private ServerProcess(Process process, Path folder, Path jar, int port, String fingerprint, boolean keepData) {
        this.process = process;
        this.folder = folder;
        this.jar = jar;
        this.port = port;
        this.fingerprint = fingerprint;
        this.keepData = keepData;
        // A load generator interrupted with Ctrl-C must not leave a server running.
        this.killOnExit = new Thread(process::destroyForcibly, "kill-confab-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the server and waits for it to print its port and fingerprint.
     *
     * @param jvmOptions options for the server's JVM, e.g. {@code -Xmx256m}
     */
    static ServerProcess start(Path jar, List<String> jvmOptions, boolean keepData) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no server jar at " + jar.toAbsolutePath() + " (build it, or pass --server-jar)");
        }
        Path folder = Files.createTempDirectory("confab-bench-");
        Path output = folder.resolve("server.out");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                "--data", folder.resolve("data").toString(), "--bind", "127.0.0.1", "--port", "0"));
        // Output goes to a file rather than a pipe: a pipe nobody drains would stall the server.
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                Matcher listening = LISTENING.matcher(printed);
                Matcher fingerprint = FINGERPRINT.matcher(printed);
                if (listening.find() && fingerprint.find()) {
                    return new ServerProcess(process, folder, jar, Integer.parseInt(listening.group(1)),
                            fingerprint.group(1), keepData);
                }
                if (!process.isAlive()) {
                    throw new IOException("confab-server exited with " + process.exitValue() + ": " + printed.strip());
                }
                Thread.sleep(50);
            }
            throw new IOException("confab-server did not report its port within " + START_TIMEOUT.toSeconds() + " s");
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            ChildProcesses.deleteQuietly(folder);
            throw e;
        }
    }

    /** Runs {@code confab-server admin create-user NAME --role admin --password-stdin} on this server's data folder. */
    void createAdmin(String name, String password) throws IOException, InterruptedException {
        Process admin = new ProcessBuilder(javaExecutable(), "-jar", jar.toAbsolutePath().toString(),
                "admin", "create-user", name, "--role", "admin", "--password-stdin",
                "--data", folder.resolve("data").toString())
                .redirectErrorStream(true).start();
        try (var stdin = admin.getOutputStream()) {
            stdin.write((password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String printed = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!admin.waitFor(60, TimeUnit.SECONDS)) {
            admin.destroyForcibly();
            throw new IOException("admin create-user did not finish within 60 s");
        }
        if (admin.exitValue() != 0) {
            throw new IOException("admin create-user failed (" + admin.exitValue() + "): " + printed);
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** Asks the server to stop (SIGTERM), kills it if it does not, and deletes its data folder. */
    @Override
    public void close() {
        ChildProcesses.stop(process, STOP_TIMEOUT, killOnExit);
        if (keepData) {
            System.err.println("kept the server's data folder: " + folder);
        } else {
            ChildProcesses.deleteQuietly(folder);
        }
    }

    /** The java that runs this load generator, so the server runs on the same JDK. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
