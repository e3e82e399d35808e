package dev.confab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs many asynchronous steps (connect, join, ping) with at most {@code parallel} in flight.
 * Without the bound, thousands of TLS handshakes or requests would be queued at once and time
 * out in the server's queues; with it, the work waits here and the step's own latency stays
 * meaningful. The whole run is bounded in time too, so a stuck server cannot hang a benchmark.
 */
final class Bounded {

    /** What a run achieved: the results that arrived in time (in completion order), and why the rest did not. */
    record Outcome<T>(List<T> results, int failed, int unfinished, Duration took, ErrorTally errors) {
        double perSecond() {
            return results.size() / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private Bounded() {
    }

    static <T> Outcome<T> run(String what, int count, int parallel, Duration timeout, IntFunction<CompletableFuture<T>> step)
            throws InterruptedException {
        List<T> results = Collections.synchronizedList(new ArrayList<>(count));
        ErrorTally errors = new ErrorTally();
        Semaphore slots = new Semaphore(parallel);
        CountDownLatch finished = new CountDownLatch(count);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Progress progress = new Progress(what, count, start);
        int started = 0;
        while (started < count && slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            step.apply(started++).whenComplete((result, error) -> {
                if (error == null) {
                    results.add(result);
                } else {
                    errors.add(error);
                }
                slots.release();
                finished.countDown();
            });
            progress.maybePrint(count - finished.getCount());
        }
        // Steps never started count as finished, so the wait below ends when the started ones do.
        for (int i = started; i < count; i++) {
            finished.countDown();
        }
        while (!finished.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
            progress.maybePrint(count - finished.getCount());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<T> arrived;
        synchronized (results) {
            arrived = List.copyOf(results);
        }
        int failed = (int) errors.total();
        return new Outcome<>(arrived, failed, count - arrived.size() - failed, took, errors);
    }

    /** A line on stderr every few seconds, so a long phase is visibly alive. */
    private static final class Progress {
        private final String what;
        private final int count;
        private final long start;
        private long lastPrint;

        Progress(String what, int count, long start) {
            this.what = what;
            this.count = count;
            this.start = start;
            this.lastPrint = start;
        }

        void maybePrint(long done) {
            long now = System.nanoTime();
            if (now - lastPrint >= PROGRESS_EVERY_NANOS) {
                lastPrint = now;
                System.err.printf("  %s: %d/%d after %.1f s%n", what, done, count, (now - start) / 1e9);
            }
        }
    }
}
