package dev.confab.client.audio.device;

/**
 * Stereo playback at 48 kHz. Once started, its thread asks the {@link FrameSource} it was opened
 * with for one frame, writes it to the device, blocking while the device buffer is full, and
 * repeats: the device clock paces the source, and at most one buffer of audio is queued ahead of
 * the speaker.
 */
public interface PlaybackStream extends AudioStream {

    /**
     * Times the device buffer ran empty before a write (the listener heard a gap), not counting
     * the start. Backends that cannot tell report 0.
     */
    long underruns();
}
