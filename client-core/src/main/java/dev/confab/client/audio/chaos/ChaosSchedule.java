package dev.confab.client.audio.chaos;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The chaos simulator's decisions, one packet at a time, with no clock and no threads: whether a
 * packet is dropped, and if not how long it is held. {@link ChaosSender} applies them to real
 * packets; benchmarks and tests apply them in simulated time, so that "10 % loss and 40 ms
 * jitter" means the same everywhere. Not thread-safe: one sender thread uses it.
 */
public final class ChaosSchedule {

    /** {@link #next} for a packet that is dropped. */
    public static final long DROP = -1;

    private final SplittableRandom random;
    private boolean reordered;

    /** A schedule that repeats for the same seed. */
    public ChaosSchedule(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Decides the next packet's fate under {@code settings}: {@link #DROP}, or the delay before
     * it is sent, in nanoseconds: the fixed delay, plus a uniform share of the jitter, plus, for a
     * packet picked for reordering, one to two frames more (so that its successor, sent one frame
     * later, goes first).
     *
     * @param frameNanos the time between packets, which reordering holds a packet back by
     */
    public long next(ChaosSettings settings, long frameNanos) {
        reordered = false;
        if (settings.lossPercent() > 0 && random.nextDouble() * 100 < settings.lossPercent()) {
            return DROP;
        }
        long delay = TimeUnit.MILLISECONDS.toNanos(settings.delayMillis());
        if (settings.jitterMillis() > 0) {
            delay += (long) (random.nextDouble() * TimeUnit.MILLISECONDS.toNanos(settings.jitterMillis()));
        }
        if (settings.reorderPercent() > 0 && random.nextDouble() * 100 < settings.reorderPercent()) {
            reordered = true;
            delay += frameNanos + (long) (random.nextDouble() * frameNanos);
        }
        return delay;
    }

    /** Whether the last packet {@link #next} kept was picked for reordering. */
    public boolean reordered() {
        return reordered;
    }
}
