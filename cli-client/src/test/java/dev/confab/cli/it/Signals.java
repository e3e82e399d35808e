package dev.confab.cli.it;

/** Comparing a recording with what was said: alignment, level, correlation (as client-core's engine test does). */
final class Signals {

    /** 10 ms at 48 kHz: the coarse step of the alignment. */
    private static final int BLOCK = 480;

    private Signals() {
    }

    /**
     * The offset in {@code y} where {@code x} fits best: first on 10 ms energy envelopes (so a
     * long recording is cheap to search), then the waveform within two blocks of that.
     */
    static int align(float[] x, float[] y) {
        double[] ex = envelope(x);
        double[] ey = envelope(y);
        int coarse = 0;
        double best = -1;
        for (int lag = 0; lag + ex.length <= ey.length; lag++) {
            double c = correlation(ex, ey, lag);
            if (c > best) {
                best = c;
                coarse = lag;
            }
        }
        int refined = coarse * BLOCK;
        best = -2;
        for (int lag = Math.max(0, (coarse - 2) * BLOCK); lag <= (coarse + 2) * BLOCK && lag + x.length <= y.length; lag++) {
            double c = correlation(x, y, lag);
            if (c > best) {
                best = c;
                refined = lag;
            }
        }
        return refined;
    }

    /**
     * The mean over 200 ms segments of the input that hold speech (above -45 dBFS) of each
     * segment's best correlation within two frames (40 ms) of {@code lag}.
     */
    static double piecewiseCorrelation(float[] x, float[] y, int lag) {
        int segment = 9600;
        int slack = 1920;
        double sum = 0;
        int count = 0;
        for (int from = 0; from + segment <= x.length; from += segment) {
            float[] part = new float[segment];
            System.arraycopy(x, from, part, 0, segment);
            if (20 * Math.log10(rms(part, 0, segment) + 1e-12) < -45) {
                continue;
            }
            double best = -1;
            for (int l = Math.max(0, lag - slack); l <= lag + slack && from + l + segment <= y.length; l++) {
                best = Math.max(best, correlation(part, y, from + l));
            }
            sum += best;
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    static double rms(float[] s, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / length);
    }

    private static double[] envelope(float[] s) {
        double[] e = new double[s.length / BLOCK];
        for (int b = 0; b < e.length; b++) {
            e[b] = rms(s, b * BLOCK, BLOCK);
        }
        return e;
    }

    private static double correlation(float[] x, float[] y, int lag) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[lag + i];
            xy += a * b;
            xx += a * a;
            yy += b * b;
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    /** Envelope correlation, means removed so that silence does not match silence. */
    private static double correlation(double[] x, double[] y, int lag) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[lag + i];
        }
        mx /= x.length;
        my /= x.length;
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            double a = x[i] - mx;
            double b = y[lag + i] - my;
            xy += a * b;
            xx += a * a;
            yy += b * b;
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }
}
