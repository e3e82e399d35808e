package dev.confab.bench;

import dev.confab.client.audio.dsp.SampleRing;

/**
 * A capture stream wired straight to a playback stream, frame by frame through a small ring, with
 * no engine in between: the latency harness's measure of what the engine's two device streams
 * alone add (the capture frame, PulseAudio, the playback buffer, and the phase between the two
 * clocks). Audio passes only while {@link #setOpen open}; otherwise it plays silence. Each pull
 * plays the newest whole frame and drops older ones, so the ring never holds more than the two
 * clocks' phase, whatever the order the streams started in: the least the two devices can add.
 */
final class DeviceLoop {
    private final SampleRing ring;
    private final short[] frame;
    private volatile boolean open;

    DeviceLoop(int frameSamples) {
        this.ring = new SampleRing(4 * frameSamples);
        this.frame = new short[frameSamples];
    }

    /** Lets audio through, or not (any thread). */
    void setOpen(boolean open) {
        this.open = open;
    }

    /** The capture stream's consumer. */
    void captured(short[] samples, int count) {
        ring.write(samples, 0, count);
    }

    /** The playback stream's source: the newest whole captured frame, or silence if there is none yet. */
    void play(short[] stereo, int frames) {
        if (frames > frame.length) {
            return;
        }
        while (ring.available() >= 2 * frames) {
            ring.skip(frames);
        }
        if (!ring.readFully(frame, 0, frames) || !open) {
            return;
        }
        for (int i = 0; i < frames; i++) {
            stereo[2 * i] = frame[i];
            stereo[2 * i + 1] = frame[i];
        }
    }
}
