package dev.confab.client.audio.device;

import java.util.concurrent.locks.LockSupport;

/**
 * Real-time pacing for backends with no device clock (WAV files, null): frame n is due at
 * {@code start + n * frameNanos / speed}, on absolute deadlines so no drift builds up. When the
 * caller falls more than {@link #MAX_LATE_NANOS} behind (a paused process), the schedule starts
 * again from now instead of rushing to catch up, and the restart is counted, as a device would
 * count an overrun. Used by one thread; {@link #stop()} from any.
 */
final class Pacer {

    static final long MAX_LATE_NANOS = 200_000_000L;

    private final double frameNanos;
    private final boolean paced;
    private volatile boolean stopped;
    private long start;
    private long frame;
    private volatile long restarts;

    /**
     * @param speed 1 for real time, 2 for twice as fast, {@code Double.POSITIVE_INFINITY} for no
     *              pacing at all
     */
    Pacer(StreamOptions options, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, not " + speed);
        }
        this.paced = !Double.isInfinite(speed);
        this.frameNanos = options.frameNanos() / speed;
    }

    /** Waits until the next frame is due; false if stopped meanwhile. */
    boolean awaitNextFrame() {
        if (!paced) {
            return !stopped;
        }
        long now = System.nanoTime();
        if (frame == 0) {
            start = now;
        }
        long due = start + Math.round(frame * frameNanos);
        if (now - due > MAX_LATE_NANOS) {
            restarts++; // one writer
            start = now;
            frame = 0;
            due = now;
        }
        while (!stopped) {
            long left = due - System.nanoTime();
            if (left <= 0) {
                frame++;
                return true;
            }
            LockSupport.parkNanos(this, left);
        }
        return false;
    }

    /** Times the schedule restarted because the caller was late. */
    long restarts() {
        return restarts;
    }

    void stop() {
        stopped = true;
    }
}
