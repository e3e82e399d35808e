package dev.confab.bench;

import dev.confab.client.audio.device.FrameConsumer;

/**
 * The ear of the latency harness: a capture stream's consumer that, once {@link #arm armed},
 * notes the time of the first sample at or above a threshold (absolute value), then waits to be
 * armed again. A frame's last sample is taken to have arrived at the frame's {@link FrameClock}
 * time, and each earlier one a sample period before the next.
 */
final class ClickDetector implements FrameConsumer {
    private final int threshold;
    private final FrameClock clock;
    private volatile boolean armed;
    private volatile long detectedNanos;

    /** @param thresholdDbfs the level a sample must reach, in dBFS (peak), e.g. -20 */
    ClickDetector(double thresholdDbfs, FrameClock clock) {
        this.threshold = (int) Math.round(32767 * Math.pow(10, thresholdDbfs / 20));
        this.clock = clock;
    }

    /** Listens for the next click (any thread); {@link #detectedNanos()} reads 0 until one is heard. */
    void arm() {
        detectedNanos = 0;
        armed = true;
    }

    /** When the click was heard, or 0. */
    long detectedNanos() {
        return detectedNanos;
    }

    @Override
    public void accept(short[] samples, int count) {
        long endNanos = clock.nextFrame();
        if (!armed) {
            return;
        }
        int first = firstAtOrAbove(samples, count, threshold);
        if (first >= 0) {
            armed = false;
            detectedNanos = endNanos - FrameClock.samplesToNanos(count - 1 - first);
        }
    }

    /** The index of the first sample in {@code samples[0, count)} whose magnitude reaches {@code threshold}, or -1. */
    static int firstAtOrAbove(short[] samples, int count, int threshold) {
        for (int i = 0; i < count; i++) {
            if (Math.abs(samples[i]) >= threshold) {
                return i;
            }
        }
        return -1;
    }
}
