package dev.confab.client.audio.device;

/**
 * Gives playback its audio: the playback stream's own thread calls it once per frame, when the
 * device has room for that frame, so the device's clock paces it (the mixer's playback clock).
 * It must return promptly: a late frame is a gap the listener hears.
 */
@FunctionalInterface
public interface FrameSource {
    /**
     * Fills one frame of 48 kHz stereo 16-bit samples, interleaved left then right.
     *
     * @param stereo the frame to fill: {@code stereo[0, 2 * frames)}, zeroed before each call, so
     *               what is not written is silence; reused for the next frame
     * @param frames sample frames (left-right pairs) wanted: the stream's frame size
     */
    void fill(short[] stereo, int frames);
}
