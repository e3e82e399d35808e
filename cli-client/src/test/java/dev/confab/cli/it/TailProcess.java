package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@code confab-cli tail} left running, with its output read line by line as it comes. */
final class TailProcess implements AutoCloseable {

    private static final long WAIT_SECONDS = 20;

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread errReader;

    private TailProcess(Process process) {
        this.process = process;
        Thread outReader = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        });
        outReader.setDaemon(true);
        outReader.start();
        errReader = Cli.copier(process.getErrorStream(), err);
    }

    static TailProcess start(Cli cli, String... args) throws IOException {
        TailProcess tail = new TailProcess(cli.start(List.of(args)));
        tail.process.getOutputStream().close();
        return tail;
    }

    /** The next line it prints; fails after a while without one. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("tail printed nothing for " + WAIT_SECONDS + " s; stderr: " + stderr()
                    + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
        }
        return line;
    }

    /** True when nothing more was printed within {@code millis}. */
    boolean quietFor(long millis) throws InterruptedException {
        String line = lines.poll(millis, TimeUnit.MILLISECONDS);
        if (line != null) {
            throw new AssertionError("tail printed more than expected: " + line);
        }
        return true;
    }

    synchronized String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Waits for it to exit by itself; returns the exit code. */
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("tail exited").isTrue();
        errReader.join();
        return process.exitValue();
    }

    /** Stops it as Ctrl-C or a service manager would (SIGTERM). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
