package dev.confab.client.audio;

import dev.confab.client.audio.device.WavFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How a listener would check that a recording holds what was said: where the speech lies in the
 * recording (alignment), how loud it is against the input, and how closely it follows the input's
 * waveform. Shared by every end-to-end voice test (engine, CLI processes, real devices), so that
 * their thresholds mean the same thing.
 *
 * @param lag         where the input starts in the recording, in samples (48 kHz)
 * @param levelDb     the recording's RMS over the aligned speech, against the input's, in dB
 * @param correlation {@link #piecewiseCorrelation}: 1 for the same waveform, near 0 for unrelated audio
 */
public record SpeechMatch(int lag, double levelDb, double correlation) {

    /** 10 ms at 48 kHz: the coarse step of the alignment. */
    private static final int BLOCK = 480;
    /** 200 ms: the segment each correlation is taken over. */
    private static final int SEGMENT = 9600;
    /** Two 20 ms frames: how far a segment may sit from the global lag. */
    private static final int SLACK = 1920;
    /** A piece fitting worse than this (correlation x 1000) near the previous lag is searched for further away. */
    private static final int REACQUIRE_BELOW = 500;
    /** How far, in samples, a piece is searched for when it was lost: a second. */
    private static final int REACQUIRE_RANGE = 48_000;
    /** Segments of the input quieter than this hold no speech and are left out. */
    private static final double SPEECH_DBFS = -40;

    /**
     * Aligns {@code input} within {@code recording} and measures the match.
     *
     * @throws AssertionError when the input does not fit inside the recording at its best alignment
     */
    public static SpeechMatch of(float[] input, float[] recording) {
        int lag = align(input, recording);
        if (lag < 0 || lag + input.length > recording.length) {
            throw new AssertionError("the speech (" + input.length + " samples) does not lie within the recording ("
                    + recording.length + " samples); best alignment at " + lag);
        }
        double levelDb = 20 * Math.log10(rms(recording, lag, input.length) / rms(input, 0, input.length));
        return new SpeechMatch(lag, levelDb, piecewiseCorrelation(input, recording, lag));
    }

    /** The left channel of a stereo WAV file (what the engine's playback writes), or the only one of a mono file. */
    public static float[] leftChannel(Path wav) throws IOException {
        WavFile.Contents contents = WavFile.read(wav);
        float[] samples = contents.audio().samples();
        int channels = contents.format().channels();
        float[] left = new float[samples.length / channels];
        for (int i = 0; i < left.length; i++) {
            left[i] = samples[channels * i];
        }
        return left;
    }

    /**
     * The offset in {@code y} where {@code x} fits best: first on 10 ms energy envelopes (so a
     * long recording is cheap to search), then on the waveform within two blocks of that.
     */
    public static int align(float[] x, float[] y) {
        double[] ex = envelope(x);
        double[] ey = envelope(y);
        int coarse = 0;
        double best = -2;
        for (int lag = 0; lag + ex.length <= ey.length; lag++) {
            double c = envelopeCorrelation(ex, ey, lag);
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
     * The energy-weighted mean, over the input's 200 ms segments that hold speech, of each
     * segment's correlation at its own alignment ({@link #segmentLags}). One lag cannot align a
     * whole recording: a jitter buffer may shift the output by whole frames between talk spurts
     * (a new spurt after a DTX pause starts at its own due time) or within one (a stretch when a
     * packet is late), and a busy machine may let a device run dry, which shifts everything after.
     */
    public static double piecewiseCorrelation(float[] x, float[] y, int lag) {
        int[] lags = segmentLags(x, y, lag, SEGMENT);
        double weighted = 0;
        double energy = 0;
        for (int s = 0; s < lags.length; s++) {
            int from = s * SEGMENT;
            float[] part = Arrays.copyOfRange(x, from, from + SEGMENT);
            double level = rms(part, 0, SEGMENT);
            if (20 * Math.log10(level + 1e-12) < SPEECH_DBFS || from + lags[s] + SEGMENT > y.length) {
                continue;
            }
            weighted += correlation(part, y, from + lags[s]) * level * level;
            energy += level * level;
        }
        return energy == 0 ? 0 : weighted / energy;
    }

    /**
     * For each {@code segment}-sample piece of {@code x}, the lag into {@code y} where it fits
     * best, following the recording as it drifts: each piece is searched within two frames of the
     * previous piece's lag (starting from {@code lag}); when nothing there fits (the output
     * jumped, as after a device ran dry), within a second of it on energy envelopes first.
     * Pieces without speech keep the previous lag.
     */
    public static int[] segmentLags(float[] x, float[] y, int lag, int segment) {
        int[] lags = new int[x.length / segment];
        int current = lag;
        for (int s = 0; s < lags.length; s++) {
            int from = s * segment;
            float[] part = Arrays.copyOfRange(x, from, from + segment);
            if (20 * Math.log10(rms(part, 0, segment) + 1e-12) >= SPEECH_DBFS) {
                int[] best = bestLag(part, y, from, current - SLACK, current + SLACK);
                if (best[1] < REACQUIRE_BELOW) {
                    int coarse = coarseLag(part, y, from, current);
                    int[] wide = bestLag(part, y, from, coarse - SLACK, coarse + SLACK);
                    if (wide[1] > best[1]) {
                        best = wide;
                    }
                }
                current = best[0];
            }
            lags[s] = current;
        }
        return lags;
    }

    /** The lag in [low, high] where {@code part} (from {@code from} in the input) fits best, and its correlation x 1000. */
    private static int[] bestLag(float[] part, float[] y, int from, int low, int high) {
        int bestLag = Math.max(0, low);
        double best = -2;
        for (int l = Math.max(0, low); l <= high && from + l + part.length <= y.length; l++) {
            double c = correlation(part, y, from + l);
            if (c > best) {
                best = c;
                bestLag = l;
            }
        }
        return new int[] {bestLag, (int) Math.round(best * 1000)};
    }

    /** Within a second of {@code around}, the lag whose 10 ms energy envelope matches {@code part}'s best. */
    private static int coarseLag(float[] part, float[] y, int from, int around) {
        double[] e = envelope(part);
        int best = around;
        double bestScore = -2;
        for (int l = Math.max(0, around - REACQUIRE_RANGE); l <= around + REACQUIRE_RANGE; l += BLOCK) {
            int start = from + l;
            if (start + part.length > y.length) {
                break;
            }
            double[] ey = envelope(Arrays.copyOfRange(y, start, start + part.length));
            double c = envelopeCorrelation(e, ey, 0);
            if (c > bestScore) {
                bestScore = c;
                best = l;
            }
        }
        return best;
    }

    /** The normalised correlation of all of {@code x} with {@code y} from {@code lag}. */
    public static double correlation(float[] x, float[] y, int lag) {
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

    public static double rms(float[] s, int from, int length) {
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

    /** Envelope correlation, means removed so that silence does not match silence. */
    private static double envelopeCorrelation(double[] x, double[] y, int lag) {
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

    @Override
    public String toString() {
        return String.format("lag %.1f ms, level %+.2f dB, piecewise correlation %.3f", lag / 48.0, levelDb, correlation);
    }
}
