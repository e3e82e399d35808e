package dev.confab.client.audio.device;

/** Where a capture or playback stream is in its life. */
public enum StreamState {
    /** Opened (the device is held), not started. */
    OPENED,
    /** Its thread is moving audio. */
    RUNNING,
    /** It ended by itself at the end of its input (a WAV file that is not looped). */
    FINISHED,
    /** It ended on an error: see {@link AudioStream#failure()}. */
    FAILED,
    /** Closed: the device is released. */
    CLOSED
}
