package dev.confab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Ending what a benchmark started: a child process and its kill-on-exit hook, a temporary folder. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Asks {@code process} to stop (SIGTERM), kills it if it has not within {@code patience}, and
     * removes {@code killOnExit}, the shutdown hook that would have killed it.
     */
    static void stop(Process process, Duration patience, Thread killOnExit) {
        process.destroy();
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway and finds the process gone
        }
    }

    /** Deletes a folder and everything in it; says so on stderr if it cannot, and goes on. */
    static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }
}
