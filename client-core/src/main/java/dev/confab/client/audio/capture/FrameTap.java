package dev.confab.client.audio.capture;

/**
 * Sees every captured frame at one point of a {@link CapturePipeline}, whatever the mode: the raw
 * microphone frame, or the frame after the DSP (what the encoder gets). The audio dumper writes
 * them to {@code raw_mic.wav} and {@code post_dsp.wav}. Called on the encoder thread; it must
 * return quickly and never block. A tap that throws is counted and the frame goes on.
 */
@FunctionalInterface
public interface FrameTap {
    /**
     * @param samples   the frame in {@code samples[offset, offset + length)}; the array is reused,
     *                  so copy what must be kept, and never write to it
     * @param timestamp the 48 kHz sample clock at the frame's first sample; a jump of more than
     *                  one frame means frames were skipped to catch up, or lost to overflow
     */
    void frame(short[] samples, int offset, int length, int timestamp);
}
