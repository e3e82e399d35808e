package dev.confab.client.audio.jitter;

import java.time.Duration;
import java.util.Objects;

/**
 * How each speaker's {@link JitterBuffer} and {@link SpeakerStream} behave. See the package
 * documentation for how the figures are used.
 *
 * @param frameSamples       samples per frame at 48 kHz: 960 (20 ms) or 480 (10 ms); every speaker
 *                           is expected to send frames of this size (others are dropped, counted)
 * @param minDelay           the least playout delay the buffer aims for, once it has seen how
 *                           packets arrive (on a clean network it settles here)
 * @param startDelay         the least while it has not: for its first second of packets, so
 *                           that the first words heard wait long enough; in [minDelay, maxDelay]
 * @param maxDelay           the most: caps the target, the audio held ahead of the playout point,
 *                           and how far behind a talk spurt may start
 * @param percentile         the share of packets (0.5 to 1) the target delay should have waited
 *                           for, judged from the recent excess delays
 * @param history            how much recent arrival history the target is judged from
 *                           (a number of frames' worth of packets)
 * @param concealLimit       the longest run of missing frames concealed while a spurt plays; a
 *                           longer gap is taken for the speaker having stopped (silence)
 * @param talkHold           how long "talking" stays on after the last packet or loud frame
 * @param talkThresholdDbfs  the decoded RMS level (dBFS) from which a frame counts as sound
 */
public record JitterOptions(int frameSamples, Duration minDelay, Duration startDelay, Duration maxDelay, double percentile,
                            Duration history, Duration concealLimit, Duration talkHold, double talkThresholdDbfs) {

    public static final int SAMPLE_RATE = 48_000;

    /**
     * 20 ms frames; the delay starting at 40 ms, then between one frame (20 ms) and 250 ms aiming
     * to wait for 98 % of packets, judged from the last 5 s; at most 80 ms of concealment in a
     * row; talking held 200 ms above -50 dBFS.
     */
    public static final JitterOptions DEFAULT = new JitterOptions(960, Duration.ofMillis(20), Duration.ofMillis(40),
            Duration.ofMillis(250), 0.98, Duration.ofSeconds(5), Duration.ofMillis(80), Duration.ofMillis(200), -50);

    /** The low-latency profile for clean networks: 10 ms frames, starting at 20 ms, down to one frame. */
    public static final JitterOptions LOW_LATENCY = DEFAULT.withFrameSamples(480).withMinDelay(Duration.ofMillis(10))
            .withStartDelay(Duration.ofMillis(20));

    public JitterOptions {
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(startDelay, "startDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(concealLimit, "concealLimit");
        Objects.requireNonNull(talkHold, "talkHold");
        if (frameSamples != 960 && frameSamples != 480) {
            throw new IllegalArgumentException("frameSamples must be 960 (20 ms) or 480 (10 ms), not " + frameSamples);
        }
        if (minDelay.isNegative() || minDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("minDelay must be in [0, maxDelay], not " + minDelay);
        }
        if (startDelay.compareTo(minDelay) < 0 || startDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("startDelay must be in [minDelay, maxDelay], not " + startDelay);
        }
        if (maxDelay.compareTo(Duration.ofMillis(2L * frameSamples / 48)) < 0 || maxDelay.compareTo(Duration.ofSeconds(2)) > 0) {
            throw new IllegalArgumentException("maxDelay must be in [two frames, 2 s], not " + maxDelay);
        }
        if (!(percentile >= 0.5 && percentile <= 1)) {
            throw new IllegalArgumentException("percentile must be in [0.5, 1], not " + percentile);
        }
        if (history.compareTo(Duration.ofSeconds(1)) < 0 || history.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("history must be in [1 s, 60 s], not " + history);
        }
        if (concealLimit.compareTo(Duration.ofMillis(frameSamples / 48)) < 0 || concealLimit.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("concealLimit must be in [one frame, 1 s], not " + concealLimit);
        }
        if (talkHold.isNegative() || talkHold.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("talkHold must be in [0, 10 s], not " + talkHold);
        }
        if (!(talkThresholdDbfs <= 0 && talkThresholdDbfs >= -100)) {
            throw new IllegalArgumentException("talkThresholdDbfs must be in [-100, 0], not " + talkThresholdDbfs);
        }
    }

    /** One frame's length in milliseconds (20 or 10). */
    public int frameMillis() {
        return frameSamples / 48;
    }

    /** The longest run of missing frames concealed, in frames (at least 1). */
    public int concealFrames() {
        return (int) Math.max(1, concealLimit.toMillis() / frameMillis());
    }

    /** The most frames the buffer holds ahead of the playout point. */
    public int maxDepthFrames() {
        return (int) Math.max(2, maxDelay.toMillis() / frameMillis());
    }

    /** Packets after which the buffer has seen enough to go below {@code startDelay}: one second's. */
    public int evidencePackets() {
        return 1000 / frameMillis();
    }

    /** Packets the target is judged from. */
    public int historyPackets() {
        return (int) (history.toMillis() / frameMillis());
    }

    public JitterOptions withFrameSamples(int samples) {
        return new JitterOptions(samples, minDelay, startDelay, maxDelay, percentile, history, concealLimit, talkHold, talkThresholdDbfs);
    }

    /** The floor; the start is raised to it if it was lower. */
    public JitterOptions withMinDelay(Duration delay) {
        return new JitterOptions(frameSamples, delay, delay.compareTo(startDelay) > 0 ? delay : startDelay, maxDelay,
                percentile, history, concealLimit, talkHold, talkThresholdDbfs);
    }

    public JitterOptions withStartDelay(Duration delay) {
        return new JitterOptions(frameSamples, minDelay, delay, maxDelay, percentile, history, concealLimit, talkHold,
                talkThresholdDbfs);
    }

    public JitterOptions withMaxDelay(Duration delay) {
        return new JitterOptions(frameSamples, minDelay, startDelay, delay, percentile, history, concealLimit, talkHold, talkThresholdDbfs);
    }

    public JitterOptions withPercentile(double share) {
        return new JitterOptions(frameSamples, minDelay, startDelay, maxDelay, share, history, concealLimit, talkHold, talkThresholdDbfs);
    }

    public JitterOptions withHistory(Duration window) {
        return new JitterOptions(frameSamples, minDelay, startDelay, maxDelay, percentile, window, concealLimit, talkHold, talkThresholdDbfs);
    }

    public JitterOptions withConcealLimit(Duration limit) {
        return new JitterOptions(frameSamples, minDelay, startDelay, maxDelay, percentile, history, limit, talkHold, talkThresholdDbfs);
    }

    public JitterOptions withTalkHold(Duration hold) {
        return new JitterOptions(frameSamples, minDelay, startDelay, maxDelay, percentile, history, concealLimit, hold, talkThresholdDbfs);
    }

    public JitterOptions withTalkThresholdDbfs(double dbfs) {
        return new JitterOptions(frameSamples, minDelay, startDelay, maxDelay, percentile, history, concealLimit, talkHold, dbfs);
    }
}
