package dev.confab.client.audio.dsp;

import java.time.Duration;

/**
 * A level-gated voice detector, decided one frame at a time from the frame's RMS level: it opens
 * when {@code attackFrames} frames in a row reach the threshold, stays open while frames do, and
 * closes after exactly {@code hangoverFrames} quiet frames in a row, so that word endings and the
 * short pauses between words still go out. With the defaults (attack 1, hangover 200 ms = 10
 * frames of 20 ms) the loud frame that opens the gate is itself sent, and the 10 quiet frames
 * after the last loud one are sent too; the 11th is not.
 *
 * <p>An attack above 1 keeps single-frame clicks (a keyboard) out at the price of the speech
 * onset's first frames. The threshold may change at any time; it applies from the next frame.
 * Not thread-safe; no allocation.
 */
public final class VoiceActivity {

    /** The default threshold: well above a quiet room through a headset, well below speech. */
    public static final double DEFAULT_THRESHOLD_DBFS = -40;
    /** The default hangover. */
    public static final Duration DEFAULT_HANGOVER = Duration.ofMillis(200);

    private final int hangoverFrames;
    private final int attackFrames;
    private double thresholdDbfs;
    private boolean active;
    private int loudRun;
    private int hangoverLeft;

    /**
     * @param thresholdDbfs  the RMS level, in dBFS, a frame must reach to count as voice
     * @param hangoverFrames quiet frames the gate stays open after the last loud one
     * @param attackFrames   loud frames in a row that open a closed gate, at least 1
     */
    public VoiceActivity(double thresholdDbfs, int hangoverFrames, int attackFrames) {
        if (hangoverFrames < 0) {
            throw new IllegalArgumentException("hangoverFrames must not be negative, not " + hangoverFrames);
        }
        if (attackFrames < 1) {
            throw new IllegalArgumentException("attackFrames must be at least 1, not " + attackFrames);
        }
        setThresholdDbfs(thresholdDbfs);
        this.hangoverFrames = hangoverFrames;
        this.attackFrames = attackFrames;
    }

    /** A detector whose hangover is {@code hangover} rounded up to whole frames of {@code frameSamples}. */
    public static VoiceActivity of(double thresholdDbfs, Duration hangover, int attackFrames,
                                   int frameSamples, int sampleRate) {
        return new VoiceActivity(thresholdDbfs, framesIn(hangover, frameSamples, sampleRate), attackFrames);
    }

    /** How many frames of {@code frameSamples} cover {@code span}, rounded up. */
    public static int framesIn(Duration span, int frameSamples, int sampleRate) {
        if (span.isNegative()) {
            throw new IllegalArgumentException("span must not be negative, not " + span);
        }
        if (frameSamples <= 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("frameSamples and sampleRate must be positive");
        }
        long samples = (Math.multiplyExact(span.toNanos(), (long) sampleRate) + 999_999_999L) / 1_000_000_000L;
        return Math.toIntExact((samples + frameSamples - 1) / frameSamples);
    }

    /**
     * Takes the next frame's RMS level and decides.
     *
     * @return whether the gate is open for this frame
     */
    public boolean update(double rmsDbfs) {
        if (rmsDbfs >= thresholdDbfs) {
            loudRun++;
            if (!active && loudRun >= attackFrames) {
                active = true;
            }
            if (active) {
                hangoverLeft = hangoverFrames;
            }
        } else {
            loudRun = 0;
            if (active) {
                if (hangoverLeft == 0) {
                    active = false;
                } else {
                    hangoverLeft--;
                }
            }
        }
        return active;
    }

    /** Whether the gate was open for the last frame. */
    public boolean active() {
        return active;
    }

    public double thresholdDbfs() {
        return thresholdDbfs;
    }

    public void setThresholdDbfs(double thresholdDbfs) {
        if (!(thresholdDbfs <= 0 && thresholdDbfs >= LevelMeter.SILENCE_DBFS)) {
            throw new IllegalArgumentException("thresholdDbfs must be in [" + LevelMeter.SILENCE_DBFS
                    + ", 0], not " + thresholdDbfs);
        }
        this.thresholdDbfs = thresholdDbfs;
    }

    public int hangoverFrames() {
        return hangoverFrames;
    }

    public int attackFrames() {
        return attackFrames;
    }

    /** Closes the gate and forgets the run of loud frames. */
    public void reset() {
        active = false;
        loudRun = 0;
        hangoverLeft = 0;
    }
}
