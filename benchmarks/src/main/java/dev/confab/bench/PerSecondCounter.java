package dev.confab.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** Counts events by the second of the run they happened in, from any thread. */
final class PerSecondCounter {
    private static final long SECOND = 1_000_000_000L;

    private final long startNanos;
    private final AtomicLongArray counts;

    /** @param seconds how many seconds to count; later events are ignored */
    PerSecondCounter(long startNanos, int seconds) {
        this.startNanos = startNanos;
        this.counts = new AtomicLongArray(seconds);
    }

    void record(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        // Checked before dividing: division truncates toward zero, so -1 ns would count as second 0.
        if (elapsed >= 0 && elapsed / SECOND < counts.length()) {
            long second = elapsed / SECOND;
            counts.incrementAndGet((int) second);
        }
    }

    /** Counts of the seconds {@code from} (inclusive) to {@code to} (exclusive). */
    double[] seconds(int from, int to) {
        double[] values = new double[Math.max(0, to - from)];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.get(from + i);
        }
        return values;
    }
}
