package dev.confab.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in nanoseconds, recorded from any thread (both event loops at once) without locks,
 * and kept exactly rather than in a histogram: a run has at most a few million samples, and
 * exact percentiles need no explanation. Samples beyond the capacity are counted, not kept.
 */
final class LatencyRecorder {
    private final AtomicLongArray samples;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong overflow = new AtomicLong();

    LatencyRecorder(int capacity) {
        this.samples = new AtomicLongArray(capacity);
    }

    void record(long nanos) {
        int slot = next.getAndIncrement();
        if (slot < samples.length()) {
            samples.set(slot, nanos);
        } else {
            overflow.incrementAndGet();
        }
    }

    /** Percentiles of what was recorded so far, in milliseconds. */
    Summary summary() {
        return summary(java.util.List.of(this));
    }

    /**
     * Percentiles over what several recorders recorded so far, in milliseconds: e.g. one per
     * receiving thread, so that no two threads share a slot counter.
     */
    static Summary summary(java.util.List<LatencyRecorder> recorders) {
        int count = 0;
        long overflow = 0;
        for (LatencyRecorder recorder : recorders) {
            count += Math.min(recorder.next.get(), recorder.samples.length());
            overflow += recorder.overflow.get();
        }
        long[] sorted = new long[count];
        int at = 0;
        for (LatencyRecorder recorder : recorders) {
            int kept = Math.min(recorder.next.get(), recorder.samples.length());
            for (int i = 0; i < kept && at < count; i++) {
                sorted[at++] = recorder.samples.get(i);
            }
        }
        Arrays.sort(sorted);
        return new Summary(count, overflow, millis(Stats.percentile(sorted, 50)), millis(Stats.percentile(sorted, 99)),
                millis(Stats.percentile(sorted, 99.9)), millis(count == 0 ? Double.NaN : sorted[count - 1]));
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }

    record Summary(int count, long overflow, double p50Millis, double p99Millis, double p999Millis, double maxMillis) {
    }
}
