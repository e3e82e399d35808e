package dev.confab.bench;

import java.util.function.LongSupplier;

/**
 * When a stream's frames really reach (playback) or leave (capture) the device, on the
 * {@link System#nanoTime()} clock, read from the frame count rather than from when the stream's
 * thread happened to run.
 *
 * <p>A device moves samples at its own steady rate, so frame {@code k} passes at
 * {@code origin + k * frameNanos}. The stream's thread sees it only when the blocking read or
 * write returns and the thread is scheduled, which is never earlier and, on a loaded machine,
 * often some milliseconds later. So each observation gives an upper bound of the origin, and the
 * smallest of the recent ones is the best estimate: scheduling delays drop out. A window (rather
 * than all observations) lets the estimate follow a device whose clock drifts a little against
 * the system's, or that restarted after an underrun.
 */
final class FrameClock {
    private final long frameSamples;
    private final long[] origins;
    private final LongSupplier nanoClock;
    private int filled;
    private int next;
    private long frames;

    /**
     * @param frameSamples samples per frame at 48 kHz
     * @param window       how many recent frames the origin is the minimum of
     */
    FrameClock(int frameSamples, int window, LongSupplier nanoClock) {
        if (frameSamples < 1 || window < 1) {
            throw new IllegalArgumentException("frameSamples and window must be at least 1");
        }
        this.frameSamples = frameSamples;
        this.origins = new long[window];
        this.nanoClock = nanoClock;
    }

    /** The time of {@code samples} samples at 48 kHz, in nanoseconds. */
    static long samplesToNanos(long samples) {
        return samples * 1_000_000_000L / 48_000;
    }

    /**
     * Counts one more frame, seen now (on the stream's thread, right after the device returned
     * it or right before handing it over), and returns that frame's time on the device clock.
     */
    long nextFrame() {
        long index = frames++;
        long ideal = samplesToNanos(index * frameSamples);
        origins[next] = nanoClock.getAsLong() - ideal;
        next = (next + 1) % origins.length;
        filled = Math.min(filled + 1, origins.length);
        long origin = Long.MAX_VALUE;
        for (int i = 0; i < filled; i++) {
            origin = Math.min(origin, origins[i]);
        }
        return origin + ideal;
    }
}
