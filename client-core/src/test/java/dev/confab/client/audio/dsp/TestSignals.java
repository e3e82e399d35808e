package dev.confab.client.audio.dsp;

import java.util.SplittableRandom;

/** Synthetic test audio at 48 kHz and the measures the audio tests share. */
public final class TestSignals {

    public static final int RATE = 48_000;

    private TestSignals() {
    }

    /** A sine of {@code amplitude} (in sample units) at {@code hz}. */
    public static short[] sine(double hz, double amplitude, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return out;
    }

    /** Gaussian white noise at an RMS level of {@code dbfs}. */
    public static short[] noise(double dbfs, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double sigma = LevelMeter.fromDbfs(dbfs);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = HighPass.saturate(sigma * random.nextGaussian());
        }
        return out;
    }

    /**
     * Something Opus and a level gate take for speech: a glottal pulse train (pitch gliding
     * between 110 and 170 Hz) through three moving formant resonators, with breath noise and a
     * syllable rhythm of 4 per second that never falls silent. RMS about -27 dBFS, peaks about -11.
     */
    public static short[] speech(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] formants = {{700, 130, 1.0}, {1220, 70, 0.5}, {2600, 160, 0.5}};
        double[] z1 = new double[3];
        double[] z2 = new double[3];
        double phase = 0;
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            phase += (140 + 30 * Math.sin(2 * Math.PI * 0.7 * t)) / RATE;
            double source = 0.02 * random.nextGaussian();
            if (phase >= 1) {
                phase -= 1;
                source += 1;
            }
            double y = 0;
            for (int k = 0; k < 3; k++) {
                double hz = formants[k][0] * (1 + 0.15 * Math.sin(2 * Math.PI * (0.9 + 0.3 * k) * t));
                double r = Math.exp(-Math.PI * formants[k][1] / RATE);
                double v = source + 2 * r * Math.cos(2 * Math.PI * hz / RATE) * z1[k] - r * r * z2[k];
                z2[k] = z1[k];
                z1[k] = v;
                y += formants[k][2] * v;
            }
            double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 2 * t);
            out[i] = HighPass.saturate(600 * envelope * y);
        }
        return out;
    }

    /** Two tones (440 Hz and 1 kHz) with a slow tremolo, so Opus's detector never takes them for silence. */
    public static short[] tones(int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            double chord = 8000 * Math.sin(2 * Math.PI * 440 * t) + 4000 * Math.sin(2 * Math.PI * 1000 * t);
            out[i] = (short) Math.round((0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)) * chord);
        }
        return out;
    }

    /** Normalised correlation of {@code a[ao, ao+n)} with {@code b[bo, bo+n)}: 1 for identical shapes. */
    public static double correlation(short[] a, int ao, short[] b, int bo, int n) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[ao + i];
            double y = b[bo + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** RMS of a span in dBFS. */
    public static double rmsDbfs(short[] samples, int offset, int length) {
        LevelMeter meter = new LevelMeter();
        meter.measure(samples, offset, length);
        return meter.rmsDbfs();
    }

    /** A copy of {@code samples} scaled to {@code factor}, saturated. */
    public static short[] scaled(short[] samples, double factor) {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = HighPass.saturate(samples[i] * factor);
        }
        return out;
    }
}
