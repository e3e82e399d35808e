package dev.confab.client.audio.dsp;

/**
 * A microphone gain in dB with clipping protection, as two factors applied together:
 * <ul>
 *   <li>the gain that was set, which moves to a new setting in one frame, ramped sample by
 *       sample so that a slider makes no clicks;</li>
 *   <li>a peak limiter that looks at the whole frame before applying it: if the frame's peak
 *       times the gain would pass the ceiling ({@value #CEILING_DBFS} dBFS) it drops at once to
 *       what just fits, then recovers by at most {@value #RELEASE_DB_PER_SECOND} dB per second,
 *       again ramped sample by sample, so a shout is turned down instead of clipped and the
 *       level does not pump.</li>
 * </ul>
 * The product never exceeds what keeps the frame's peak under the ceiling, so no sample clips;
 * a final saturation is there only as a guard, and counts what it catches.
 *
 * <p>At 0 dB with no limiting under way the stage is an exact pass-through (a full-scale input
 * then stays full scale: only a gain above 0 dB, or a recovery under way, invokes the limiter).
 * Not thread-safe; no allocation.
 */
public final class Gain {

    /** The loudest gain accepted. */
    public static final double MAX_DB = 30;
    /** The quietest gain accepted. */
    public static final double MIN_DB = -60;
    /** The peak limit after gain. */
    public static final double CEILING_DBFS = -1;
    /** How fast the limiter lets go after it turned the gain down. */
    public static final double RELEASE_DB_PER_SECOND = 20;

    private static final double CEILING = LevelMeter.fromDbfs(CEILING_DBFS);

    private final double releasePerSample;
    private double gainDb;
    /** The set gain as a factor, and the factor the last frame ended on (they differ for one frame after a change). */
    private double target;
    private double user;
    /** The limiter's factor at the end of the last frame, at most 1. */
    private double limiter = 1;
    private long limitedFrames;
    private long clippedSamples;

    public Gain(int sampleRate, double gainDb) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, not " + sampleRate);
        }
        this.releasePerSample = Math.pow(10, RELEASE_DB_PER_SECOND / 20 / sampleRate);
        setGainDb(gainDb);
        this.user = target;
    }

    public double gainDb() {
        return gainDb;
    }

    /** Sets the gain; the next frame moves to it. */
    public void setGainDb(double gainDb) {
        if (!(gainDb >= MIN_DB && gainDb <= MAX_DB)) {
            throw new IllegalArgumentException("gainDb must be in [" + MIN_DB + ", " + MAX_DB + "], not " + gainDb);
        }
        this.gainDb = gainDb;
        this.target = Math.pow(10, gainDb / 20);
    }

    /** The gain applied at the end of the last frame, in dB: below {@link #gainDb()} while limiting. */
    public double appliedDb() {
        return 20 * Math.log10(user * limiter);
    }

    /** Frames the limiter turned down. */
    public long limitedFrames() {
        return limitedFrames;
    }

    /** Samples the final guard had to saturate (expected to stay 0). */
    public long clippedSamples() {
        return clippedSamples;
    }

    /** Applies the gain to {@code length} samples in place, continuing from the last frame. */
    public void process(short[] samples, int offset, int length) {
        if (offset < 0 || length < 0 || offset > samples.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " do not fit an array of " + samples.length);
        }
        if (length == 0 || (target == 1 && user == 1 && limiter == 1)) {
            return;
        }
        int peak = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        double userStart = user;
        double userEnd = target;
        // The largest limiter factor that keeps the peak under the ceiling at the frame's highest gain.
        double fits = peak == 0 ? 1 : Math.min(1, CEILING / (peak * Math.max(userStart, userEnd)));
        double limiterStart;
        double limiterEnd;
        if (fits < limiter) {
            limiterStart = fits; // down at once: the whole frame stays under the ceiling
            limiterEnd = fits;
        } else {
            limiterStart = limiter; // back up at the release rate, never past what fits
            limiterEnd = Math.min(fits, limiter * Math.pow(releasePerSample, length));
        }
        if (fits < 1) {
            limitedFrames++;
        }
        double userStep = (userEnd - userStart) / length;
        double limiterStep = (limiterEnd - limiterStart) / length;
        double u = userStart;
        double l = limiterStart;
        for (int i = offset, stop = offset + length; i < stop; i++) {
            u += userStep;
            l += limiterStep;
            double y = Math.rint(samples[i] * u * l);
            if (y > Short.MAX_VALUE || y < Short.MIN_VALUE) {
                clippedSamples++;
                y = y > 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
            }
            samples[i] = (short) y;
        }
        user = userEnd;
        limiter = limiterEnd;
    }

    /** Straight to the set gain, with no limiting under way. */
    public void reset() {
        user = target;
        limiter = 1;
    }
}
