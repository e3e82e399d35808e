package dev.confab.client.audio.device;

/**
 * Takes captured audio: 48 kHz mono 16-bit samples, one frame at a time. Called on the capture
 * stream's own thread, at the device's pace; it must only move the samples somewhere (the voice
 * engine writes them into its lock-free ring) and return: blocking here makes the device
 * overrun. A consumer that throws ends the stream ({@link StreamState#FAILED}).
 */
@FunctionalInterface
public interface FrameConsumer {
    /**
     * @param samples the frame in {@code samples[0, count)}; the array is reused for the next
     *                frame, so copy what must be kept
     * @param count   the samples in this frame: always the stream's frame size (a file's last
     *                frame is padded with silence)
     */
    void accept(short[] samples, int count);
}
