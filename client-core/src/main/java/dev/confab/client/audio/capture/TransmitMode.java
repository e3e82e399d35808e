package dev.confab.client.audio.capture;

/**
 * When captured audio is sent. The microphone is read, filtered and metered in every mode (the
 * level meter keeps working while muted, so a threshold can be set); the mode only decides, frame
 * by frame, whether the frame is encoded and handed to the sink.
 */
public enum TransmitMode {
    /** Sends while the talk key is held: between {@link CapturePipeline#startTalking()} and {@link CapturePipeline#stopTalking()}. */
    PUSH_TO_TALK,
    /** Sends every frame (DTX still leaves silence out). */
    CONTINUOUS,
    /** Sends while the voice detector's gate is open: speech above the threshold plus the hangover. */
    VOICE_ACTIVATED,
    /** Sends nothing. */
    MUTED;

    /**
     * Whether a frame goes out in this mode.
     *
     * @param talkKeyDown whether push-to-talk is held
     * @param voiceActive whether the voice detector's gate is open for the frame
     */
    public boolean transmits(boolean talkKeyDown, boolean voiceActive) {
        return switch (this) {
            case PUSH_TO_TALK -> talkKeyDown;
            case CONTINUOUS -> true;
            case VOICE_ACTIVATED -> voiceActive;
            case MUTED -> false;
        };
    }
}
