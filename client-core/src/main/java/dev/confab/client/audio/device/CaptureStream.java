package dev.confab.client.audio.device;

/**
 * Mono capture at 48 kHz. Once started, its thread reads one frame at a time from the device,
 * blocking on it, and hands each frame to the {@link FrameConsumer} it was opened with.
 */
public interface CaptureStream extends AudioStream {

    /**
     * Times the device buffer was found full before a read: audio was (or was about to be) lost
     * because this thread did not read in time. Backends that cannot tell report 0.
     */
    long overruns();
}
