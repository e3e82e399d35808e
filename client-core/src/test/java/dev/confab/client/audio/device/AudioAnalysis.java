package dev.confab.client.audio.device;

/** Test signals and the measures the device tests check them with. */
public final class AudioAnalysis {

    private AudioAnalysis() {
    }

    /** A sine of {@code amplitude} (1 is full scale) at {@code hz}. */
    public static float[] sine(double hz, double amplitude, int rate, int samples) {
        float[] out = new float[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    public static short[] sine16(double hz, double amplitude, int rate, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(32767 * amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    public static float[] toFloat(short[] samples) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] / 32768f;
        }
        return out;
    }

    /** RMS of {@code x[offset, offset + length)} in dBFS (a full-scale sine is -3.01). */
    public static double rmsDbfs(float[] x, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) x[i] * x[i];
        }
        return 10 * Math.log10(Math.max(sum / length, 1e-20));
    }

    /** The amplitude of the component at {@code hz}, through a Hann window (Goertzel). */
    public static double amplitudeAt(float[] x, int offset, int length, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coefficient = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        for (int i = 0; i < length; i++) {
            double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (length - 1));
            windowSum += window;
            double s0 = x[offset + i] * window + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(power, 0)) / windowSum;
    }

    /** The frequency of the strongest component between {@code lowHz} and {@code highHz}, to about 0.1 Hz. */
    public static double dominantHz(float[] x, int offset, int length, int rate, double lowHz, double highHz) {
        double best = lowHz;
        double bestAmplitude = -1;
        for (double hz = lowHz; hz <= highHz; hz += 10) {
            double a = amplitudeAt(x, offset, length, hz, rate);
            if (a > bestAmplitude) {
                bestAmplitude = a;
                best = hz;
            }
        }
        double step = 1;
        for (int round = 0; round < 2; round++) {
            double centre = best;
            for (double hz = centre - 10 * step; hz <= centre + 10 * step; hz += step) {
                double a = amplitudeAt(x, offset, length, hz, rate);
                if (a > bestAmplitude) {
                    bestAmplitude = a;
                    best = hz;
                }
            }
            step /= 10;
        }
        return best;
    }

    /** The start of the loudest {@code length}-sample window, searched in steps of {@code step}. */
    public static int loudestWindow(float[] x, int length, int step) {
        int best = 0;
        double bestEnergy = -1;
        for (int at = 0; at + length <= x.length; at += step) {
            double energy = 0;
            for (int i = at; i < at + length; i++) {
                energy += (double) x[i] * x[i];
            }
            if (energy > bestEnergy) {
                bestEnergy = energy;
                best = at;
            }
        }
        return best;
    }

    /** The first sample from {@code from} on whose 10 ms RMS passes {@code dbfs}, or -1. */
    public static int firstAbove(float[] x, int from, double dbfs, int rate) {
        int window = rate / 100;
        for (int at = from; at + window <= x.length; at += window / 4) {
            if (rmsDbfs(x, at, window) > dbfs) {
                return at;
            }
        }
        return -1;
    }
}
