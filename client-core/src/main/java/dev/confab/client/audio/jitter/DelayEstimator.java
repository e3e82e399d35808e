package dev.confab.client.audio.jitter;

import java.util.Arrays;

/**
 * Judges how long packets need to wait, from their transit: arrival time minus the speaker's
 * timestamp, both in samples. The transit holds an unknown constant (the clocks' offset and the
 * network's least delay), so only differences mean anything:
 * <ul>
 *   <li>the <b>baseline</b> is the least transit of the last {@link #BASELINE_PACKETS} packets
 *       (2 s of 20 ms frames): when the fastest packets came;</li>
 *   <li>each packet's <b>excess</b> is its transit minus the baseline at its arrival, stored in a
 *       longer window (the history);</li>
 *   <li>the <b>excess percentile</b> is the given percentile of the stored excesses: how long a
 *       packet must be waited for so that that share of packets is in time.</li>
 * </ul>
 * Excesses are judged against the baseline when they arrive, not against today's, so a route
 * getting faster lowers the baseline at once without making the whole history look late; a route
 * getting slower shows as excess (the buffer deepens) until the baseline window has moved on.
 * Clock drift between sender and receiver moves the baseline slowly, which the window follows.
 *
 * <p>Not thread-safe. No allocation after construction. The history is kept twice: in arrival
 * order (to know which value leaves) and sorted (to read the percentile), so each {@link #add}
 * moves at most the history's length of values (250 at 20 ms), well under a microsecond. A sort
 * per packet would cost more, and the JDK's sort allocates on nearly sorted input, which delay
 * histories usually are.
 */
final class DelayEstimator {

    /** The baseline window in packets (2 s of 20 ms frames, 1 s of 10 ms ones). */
    static final int BASELINE_PACKETS = 100;

    private final double percentile;
    private final long[] transits = new long[BASELINE_PACKETS];
    private final long[] excesses;
    private final long[] sorted;
    private int transitCount;
    private int transitNext;
    private int excessCount;
    private int excessNext;
    private long baseline;
    private long excessPercentile;

    DelayEstimator(int historyPackets, double percentile) {
        if (historyPackets < 1) {
            throw new IllegalArgumentException("historyPackets must be positive, not " + historyPackets);
        }
        this.percentile = percentile;
        this.excesses = new long[historyPackets];
        this.sorted = new long[historyPackets];
    }

    /** Records one packet's transit (arrival minus timestamp, in samples). */
    void add(long transit) {
        long oldest = transits[transitNext];
        transits[transitNext] = transit;
        transitNext = (transitNext + 1) % transits.length;
        if (transitCount < transits.length) {
            transitCount++;
            baseline = transitCount == 1 ? transit : Math.min(baseline, transit);
        } else if (transit <= baseline) {
            baseline = transit;
        } else if (oldest == baseline) {
            baseline = minimum(transits, transitCount);
        }

        long excess = transit - baseline;
        if (excessCount == excesses.length) {
            // The oldest leaves the sorted copy: find one equal value and close the hole.
            int at = Arrays.binarySearch(sorted, 0, excessCount, excesses[excessNext]);
            System.arraycopy(sorted, at + 1, sorted, at, excessCount - at - 1);
            excessCount--;
        }
        excesses[excessNext] = excess;
        excessNext = (excessNext + 1) % excesses.length;
        int at = Arrays.binarySearch(sorted, 0, excessCount, excess);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, excessCount - at);
        sorted[at] = excess;
        excessCount++;
        int rank = (int) Math.ceil(percentile * excessCount) - 1;
        excessPercentile = sorted[Math.max(0, Math.min(excessCount - 1, rank))];
    }

    /** Whether any packet was recorded since the start or the last reset. */
    boolean hasData() {
        return transitCount > 0;
    }

    /** Excess delays in the history: packets recorded since the start or the last reset, up to its length. */
    int excessCount() {
        return excessCount;
    }

    /** The least recent transit, in samples; meaningless before {@link #hasData()}. */
    long baseline() {
        return baseline;
    }

    /** The percentile of recent excess delays, in samples; 0 before {@link #hasData()}. */
    long excessPercentile() {
        return excessPercentile;
    }

    void reset() {
        transitCount = 0;
        transitNext = 0;
        excessCount = 0;
        excessNext = 0;
        baseline = 0;
        excessPercentile = 0;
    }

    private static long minimum(long[] values, int count) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, values[i]);
        }
        return min;
    }
}
