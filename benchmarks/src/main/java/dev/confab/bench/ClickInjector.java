package dev.confab.bench;

import dev.confab.client.audio.device.FrameSource;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mouth of the latency harness: a playback stream's source that plays silence and, when
 * {@link #fire fired}, one short tone burst starting at a chosen sample of the next frame,
 * noting when that sample was handed to the device ({@link FrameClock} time of the frame plus
 * the offset). A burst longer than what is left of the frame continues in the next one.
 */
final class ClickInjector implements FrameSource {
    private final short[] burst;
    private final FrameClock clock;
    private final AtomicInteger pendingOffset = new AtomicInteger(-1);
    private volatile long firedNanos;

    // Playback thread only: the next burst sample to write, or -1 between clicks.
    private int position = -1;

    ClickInjector(short[] burst, FrameClock clock) {
        this.burst = burst.clone();
        this.clock = clock;
    }

    /**
     * A tone burst: {@code millis} of {@code hertz} at {@code dbfs} (peak), starting at phase 0
     * so that its first samples rise at once.
     */
    static short[] toneBurst(double hertz, double millis, double dbfs) {
        int length = (int) Math.round(millis * 48);
        double amplitude = 32767 * Math.pow(10, dbfs / 20);
        short[] burst = new short[length];
        for (int i = 0; i < length; i++) {
            burst[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hertz * i / 48_000));
        }
        return burst;
    }

    /**
     * Plays the burst from sample {@code offset} of the next frame the device asks for (any
     * thread). {@link #firedNanos()} reads 0 until then.
     */
    void fire(int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        firedNanos = 0;
        pendingOffset.set(offset);
    }

    /** When the last fired burst's first sample was handed to the device; 0 while still pending. */
    long firedNanos() {
        return firedNanos;
    }

    @Override
    public void fill(short[] stereo, int frames) {
        long frameNanos = clock.nextFrame();
        int start = 0;
        if (position < 0) {
            int offset = pendingOffset.getAndSet(-1);
            if (offset < 0) {
                return;
            }
            start = Math.min(offset, frames - 1);
            position = 0;
            firedNanos = frameNanos + FrameClock.samplesToNanos(start);
        }
        for (int i = start; i < frames && position < burst.length; i++, position++) {
            stereo[2 * i] = burst[position];
            stereo[2 * i + 1] = burst[position];
        }
        if (position == burst.length) {
            position = -1;
        }
    }
}
