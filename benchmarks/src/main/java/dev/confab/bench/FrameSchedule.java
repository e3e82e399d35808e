package dev.confab.bench;

/**
 * When each voice frame is due: {@code speakers} speakers each send one frame every
 * {@code periodNanos}, their phases spread evenly over the period, so the whole crowd is one
 * steady stream of sends {@code periodNanos / speakers} apart rather than a burst every 20 ms.
 * Send number {@code n} (from 0) belongs to speaker {@code n % speakers} and is due at
 * {@code n * periodNanos / speakers} after the start. One pacing thread walks this schedule, so
 * no per-speaker timers or threads are needed.
 */
record FrameSchedule(int speakers, long periodNanos) {

    FrameSchedule {
        if (speakers < 1 || periodNanos < 1) {
            throw new IllegalArgumentException("need at least one speaker and a positive period");
        }
    }

    /** Nanoseconds after the start at which send {@code n} is due. */
    long dueNanos(long n) {
        // Split so the product cannot overflow for any run of reasonable length.
        return n / speakers * periodNanos + n % speakers * periodNanos / speakers;
    }

    /** The speaker (0 .. speakers - 1) of send {@code n}. */
    int speaker(long n) {
        return (int) (n % speakers);
    }

    /** Sends a second: speakers x frames a second. */
    double sendsPerSecond() {
        return speakers * 1e9 / periodNanos;
    }
}
