package dev.confab.client.audio.device;

/**
 * How a stream is opened. Every stream is 48 kHz 16-bit PCM: capture is mono, playback stereo.
 *
 * @param frameSamples samples per channel handed over at a time: 960 is 20 ms (the voice frame),
 *                     480 is 10 ms (the low-latency profile); from 48 (1 ms) to 4800 (100 ms)
 * @param bufferMillis the device buffer asked for, from 5 to 500 ms and at least one frame: it
 *                     bounds the latency the device adds (Java Sound's own default is 500 ms).
 *                     Playback wants more than one frame, so one can be written while the rest
 *                     plays; 20 to 40 ms gave no drop-outs through PulseAudio
 */
public record StreamOptions(int frameSamples, int bufferMillis) {

    /** The only sample rate of the voice path. */
    public static final int SAMPLE_RATE = 48_000;

    /** 20 ms frames in a 30 ms buffer. */
    public static final StreamOptions DEFAULT = new StreamOptions(960, 30);

    /** 10 ms frames in a 20 ms buffer. */
    public static final StreamOptions LOW_LATENCY = new StreamOptions(480, 20);

    public StreamOptions {
        if (frameSamples < 48 || frameSamples > 4800) {
            throw new IllegalArgumentException("frameSamples must be in [48, 4800] (1 to 100 ms), not " + frameSamples);
        }
        if (bufferMillis < 5 || bufferMillis > 500) {
            throw new IllegalArgumentException("bufferMillis must be in [5, 500], not " + bufferMillis);
        }
        if (bufferMillis * (SAMPLE_RATE / 1000) < frameSamples) {
            throw new IllegalArgumentException("a " + bufferMillis + " ms buffer cannot hold a frame of "
                    + frameSamples + " samples");
        }
    }

    /** The device buffer asked for, in samples per channel. */
    public int bufferSamples() {
        return bufferMillis * (SAMPLE_RATE / 1000);
    }

    /** One frame's duration in nanoseconds. */
    public long frameNanos() {
        return frameSamples * 1_000_000_000L / SAMPLE_RATE;
    }
}
