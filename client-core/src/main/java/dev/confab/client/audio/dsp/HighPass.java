package dev.confab.client.audio.dsp;

import java.util.Arrays;

/**
 * A Butterworth high-pass filter for microphone audio: it removes DC offset, rumble, handling
 * noise and most mains hum before the level meter, the voice detector and the encoder see the
 * signal. Orders 1, 2 and 4 are offered; order 4 is a cascade of two second-order sections.
 *
 * <p>{@link #voice(int)} is the capture default: 4th order at 80 Hz, which is -3 dB at 80 Hz,
 * -0.7 dB at 100 Hz (the lowest male voices), -16 dB at 50 Hz, -34 dB at 30 Hz and flat within
 * 0.001 dB from 300 Hz up. A 2nd-order filter at 80 Hz would keep hum at 50 Hz only 9 dB down.
 *
 * <p>Works in place on 16-bit frames with double-precision state carried from frame to frame;
 * output is rounded and saturated to 16 bits. Not thread-safe (one per capture stream); no
 * allocation after construction.
 */
public final class HighPass {

    /** The capture default's corner frequency. */
    public static final double VOICE_CUTOFF_HZ = 80;
    /** The capture default's order. */
    public static final int VOICE_ORDER = 4;

    // One second-order section per row: b0, b1, b2, a1, a2 (a0 normalised to 1).
    private final double[][] sections;
    // Transposed direct form II state per section.
    private final double[] z1;
    private final double[] z2;
    private final double cutoffHz;
    private final int order;

    /**
     * @param sampleRate samples per second
     * @param cutoffHz   the -3 dB corner, below half the sample rate
     * @param order      1, 2 or 4
     */
    public HighPass(int sampleRate, double cutoffHz, int order) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, not " + sampleRate);
        }
        if (!(cutoffHz > 0 && cutoffHz < sampleRate / 2.0)) {
            throw new IllegalArgumentException("cutoffHz must be in (0, " + sampleRate / 2 + "), not " + cutoffHz);
        }
        this.cutoffHz = cutoffHz;
        this.order = order;
        this.sections = switch (order) {
            case 1 -> new double[][] {firstOrder(sampleRate, cutoffHz)};
            case 2 -> new double[][] {secondOrder(sampleRate, cutoffHz, Math.sqrt(0.5))};
            // Butterworth 4th order: pole pairs at 22.5 and 67.5 degrees, Q = 1 / (2 cos θ).
            case 4 -> new double[][] {
                secondOrder(sampleRate, cutoffHz, 1 / (2 * Math.cos(Math.PI / 8))),
                secondOrder(sampleRate, cutoffHz, 1 / (2 * Math.cos(3 * Math.PI / 8)))};
            default -> throw new IllegalArgumentException("order must be 1, 2 or 4, not " + order);
        };
        this.z1 = new double[sections.length];
        this.z2 = new double[sections.length];
    }

    /** The capture default: 4th order at 80 Hz. */
    public static HighPass voice(int sampleRate) {
        return new HighPass(sampleRate, VOICE_CUTOFF_HZ, VOICE_ORDER);
    }

    public double cutoffHz() {
        return cutoffHz;
    }

    public int order() {
        return order;
    }

    /** Filters {@code length} samples of {@code samples} in place, continuing from the last call. */
    public void process(short[] samples, int offset, int length) {
        if (offset < 0 || length < 0 || offset > samples.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " do not fit an array of " + samples.length);
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            double x = samples[i];
            for (int s = 0; s < sections.length; s++) {
                double[] c = sections[s];
                double y = c[0] * x + z1[s];
                z1[s] = c[1] * x - c[3] * y + z2[s];
                z2[s] = c[2] * x - c[4] * y;
                x = y;
            }
            samples[i] = saturate(x);
        }
        // After silence the state decays towards subnormal numbers, which are slow; flush them.
        for (int s = 0; s < sections.length; s++) {
            if (Math.abs(z1[s]) < 1e-12) {
                z1[s] = 0;
            }
            if (Math.abs(z2[s]) < 1e-12) {
                z2[s] = 0;
            }
        }
    }

    /** Forgets the past input, as after a device change. */
    public void reset() {
        Arrays.fill(z1, 0);
        Arrays.fill(z2, 0);
    }

    /** The filter's gain at {@code frequencyHz}, in dB, from its coefficients. */
    public double responseDb(int sampleRate, double frequencyHz) {
        double w = 2 * Math.PI * frequencyHz / sampleRate;
        double magnitude = 1;
        for (double[] c : sections) {
            // H(e^jw) = (b0 + b1 e^-jw + b2 e^-2jw) / (1 + a1 e^-jw + a2 e^-2jw)
            double nr = c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
            double ni = -c[1] * Math.sin(w) - c[2] * Math.sin(2 * w);
            double dr = 1 + c[3] * Math.cos(w) + c[4] * Math.cos(2 * w);
            double di = -c[3] * Math.sin(w) - c[4] * Math.sin(2 * w);
            magnitude *= Math.hypot(nr, ni) / Math.hypot(dr, di);
        }
        return 20 * Math.log10(magnitude);
    }

    static short saturate(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    /** Bilinear-transform first-order high-pass, as a degenerate second-order section. */
    private static double[] firstOrder(int sampleRate, double cutoffHz) {
        double k = Math.tan(Math.PI * cutoffHz / sampleRate);
        double b0 = 1 / (1 + k);
        return new double[] {b0, -b0, 0, (k - 1) / (k + 1), 0};
    }

    /** Bilinear-transform second-order high-pass with the given Q, corner pre-warped. */
    private static double[] secondOrder(int sampleRate, double cutoffHz, double q) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double a0 = 1 + alpha;
        double b0 = (1 + cos) / 2 / a0;
        return new double[] {b0, -2 * b0, b0, -2 * cos / a0, (1 - alpha) / a0};
    }
}
