package dev.confab.client.audio.device;

import java.util.Arrays;

/**
 * A {@link FrameConsumer} that keeps what it is given, up to a limit, noting how much it had when
 * {@link #mark()} was called. Written on the capture thread; read after the stream is closed
 * (closing joins that thread).
 */
public final class Recorder implements FrameConsumer {

    private final short[] samples;
    private volatile int length;
    private volatile int calls;
    private volatile int wrongSizes;
    private final int frameSamples;

    public Recorder(int maxSamples, int frameSamples) {
        this.samples = new short[maxSamples];
        this.frameSamples = frameSamples;
    }

    @Override
    public void accept(short[] frame, int count) {
        calls++;
        if (count != frameSamples) {
            wrongSizes++;
        }
        int n = Math.min(count, samples.length - length);
        System.arraycopy(frame, 0, samples, length, n);
        length += n;
    }

    /** Samples kept so far. */
    public int length() {
        return length;
    }

    public int calls() {
        return calls;
    }

    public int wrongSizes() {
        return wrongSizes;
    }

    public short[] samples() {
        return Arrays.copyOf(samples, length);
    }

    public float[] floats() {
        return AudioAnalysis.toFloat(samples());
    }
}
