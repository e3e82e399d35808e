package dev.confab.client.audio.capture;

import dev.confab.client.audio.dsp.Gain;
import dev.confab.client.audio.dsp.LevelMeter;
import dev.confab.client.audio.dsp.VoiceActivity;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CapturePipeline} starts out. The mode, the threshold and the gain can be changed
 * later on the pipeline itself; the rest is fixed for its life.
 *
 * @param mode               the transmission mode at start
 * @param voiceThresholdDbfs the voice detector's threshold, RMS dBFS after the DSP
 * @param hangover           how long the voice detector stays open after the last loud frame
 *                           (rounded up to whole frames)
 * @param attackFrames       loud frames in a row that open the voice detector (1: the first)
 * @param gainDb             microphone gain; 0 leaves the samples as they are
 * @param highPass           whether to run the 80 Hz high-pass ({@code HighPass.voice})
 * @param maxBacklogFrames   whole frames allowed to wait in the ring after the one being taken;
 *                           past that, the oldest are skipped to keep latency down (see
 *                           {@link CapturePipeline})
 * @param startTimestamp     the sample clock of the first frame
 */
public record CaptureOptions(TransmitMode mode, double voiceThresholdDbfs, Duration hangover, int attackFrames,
                             double gainDb, boolean highPass, int maxBacklogFrames, int startTimestamp) {

    /**
     * Voice activation at -40 dBFS with a 200 ms hangover and no attack delay, no gain, the
     * high-pass on, and at most 4 frames (80 ms at 20 ms) of backlog.
     */
    public static final CaptureOptions DEFAULT = new CaptureOptions(TransmitMode.VOICE_ACTIVATED,
            VoiceActivity.DEFAULT_THRESHOLD_DBFS, VoiceActivity.DEFAULT_HANGOVER, 1, 0, true, 4, 0);

    public CaptureOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(hangover, "hangover");
        if (!(voiceThresholdDbfs <= 0 && voiceThresholdDbfs >= LevelMeter.SILENCE_DBFS)) {
            throw new IllegalArgumentException("voiceThresholdDbfs must be in [" + LevelMeter.SILENCE_DBFS
                    + ", 0], not " + voiceThresholdDbfs);
        }
        if (hangover.isNegative() || hangover.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("hangover must be in [0, 10 s], not " + hangover);
        }
        if (attackFrames < 1) {
            throw new IllegalArgumentException("attackFrames must be at least 1, not " + attackFrames);
        }
        if (!(gainDb >= Gain.MIN_DB && gainDb <= Gain.MAX_DB)) {
            throw new IllegalArgumentException("gainDb must be in [" + Gain.MIN_DB + ", " + Gain.MAX_DB + "], not " + gainDb);
        }
        if (maxBacklogFrames < 0) {
            throw new IllegalArgumentException("maxBacklogFrames must not be negative, not " + maxBacklogFrames);
        }
    }

    public CaptureOptions withMode(TransmitMode mode) {
        return new CaptureOptions(mode, voiceThresholdDbfs, hangover, attackFrames, gainDb, highPass, maxBacklogFrames, startTimestamp);
    }

    public CaptureOptions withVoiceThresholdDbfs(double dbfs) {
        return new CaptureOptions(mode, dbfs, hangover, attackFrames, gainDb, highPass, maxBacklogFrames, startTimestamp);
    }

    public CaptureOptions withGainDb(double db) {
        return new CaptureOptions(mode, voiceThresholdDbfs, hangover, attackFrames, db, highPass, maxBacklogFrames, startTimestamp);
    }

    public CaptureOptions withHighPass(boolean on) {
        return new CaptureOptions(mode, voiceThresholdDbfs, hangover, attackFrames, gainDb, on, maxBacklogFrames, startTimestamp);
    }

    public CaptureOptions withMaxBacklogFrames(int frames) {
        return new CaptureOptions(mode, voiceThresholdDbfs, hangover, attackFrames, gainDb, highPass, frames, startTimestamp);
    }

    public CaptureOptions withStartTimestamp(int timestamp) {
        return new CaptureOptions(mode, voiceThresholdDbfs, hangover, attackFrames, gainDb, highPass, maxBacklogFrames, timestamp);
    }
}
