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
     * segment's best correlation within two frames of {@code lag}. One lag cannot align a whole
     * recording: a jitter buffer may shift the output by whole frames between talk spurts (a new
     * spurt after a DTX pause starts at its own due time) or within one (a stretch when a packet
     * is late, as it can be on a loaded machine in real time).
     */
    public static double piecewiseCorrelation(float[] x, float[] y, int lag) {
        double weighted = 0;
        double energy = 0;
        for (int from = 0; from + SEGMENT <= x.length; from += SEGMENT) {
            float[] part = Arrays.copyOfRange(x, from, from + SEGMENT);
            double level = rms(part, 0, SEGMENT);
            if (20 * Math.log10(level + 1e-12) < SPEECH_DBFS) {
                continue;
            }
            double best = -1;
            for (int l = Math.max(0, lag - SLACK); l <= lag + SLACK && from + l + SEGMENT <= y.length; l++) {
                best = Math.max(best, correlation(part, y, from + l));
            }
            weighted += best * level * level;
            energy += level * level;
        }
        return energy == 0 ? 0 : weighted / energy;
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
