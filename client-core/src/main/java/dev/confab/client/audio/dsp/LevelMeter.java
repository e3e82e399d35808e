package dev.confab.client.audio.dsp;

/**
 * Measures one frame at a time: its RMS and peak level in dBFS, where 0 dBFS is a sample of
 * magnitude 32768. A full-scale sine therefore reads -3.01 dBFS RMS and 0 dBFS peak; one
 * least-significant bit reads -90.3 dBFS, and digital silence reads {@link #SILENCE_DBFS}.
 *
 * <p>The readings are those of the last frame measured, with no smoothing: the UI can add its
 * own ballistics. Not thread-safe; no allocation.
 */
public final class LevelMeter {

    /** What a frame of zeros (or an empty frame) reads: below anything 16 bits can express. */
    public static final double SILENCE_DBFS = -100;

    private static final double FULL_SCALE = 32768;

    private double rmsDbfs = SILENCE_DBFS;
    private double peakDbfs = SILENCE_DBFS;

    /** Measures {@code length} samples; the readings then describe them. */
    public void measure(short[] samples, int offset, int length) {
        if (offset < 0 || length < 0 || offset > samples.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " do not fit an array of " + samples.length);
        }
        long sumOfSquares = 0;
        int peak = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            int s = samples[i];
            sumOfSquares += s * s; // at most 2^30 per sample: no int overflow
            int magnitude = Math.abs(s);
            if (magnitude > peak) {
                peak = magnitude;
            }
        }
        rmsDbfs = length == 0 ? SILENCE_DBFS : toDbfs(Math.sqrt((double) sumOfSquares / length));
        peakDbfs = toDbfs(peak);
    }

    /** The last frame's RMS level in dBFS. */
    public double rmsDbfs() {
        return rmsDbfs;
    }

    /** The last frame's largest sample magnitude in dBFS. */
    public double peakDbfs() {
        return peakDbfs;
    }

    /** Forgets the last reading. */
    public void reset() {
        rmsDbfs = SILENCE_DBFS;
        peakDbfs = SILENCE_DBFS;
    }

    /** A magnitude in sample units as dBFS, never below {@link #SILENCE_DBFS}. */
    public static double toDbfs(double magnitude) {
        if (!(magnitude > 0)) {
            return SILENCE_DBFS;
        }
        return Math.max(SILENCE_DBFS, 20 * Math.log10(magnitude / FULL_SCALE));
    }

    /** A level in dBFS as a magnitude in sample units. */
    public static double fromDbfs(double dbfs) {
        return FULL_SCALE * Math.pow(10, dbfs / 20);
    }
}
