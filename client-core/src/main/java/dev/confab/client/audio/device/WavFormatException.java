package dev.confab.client.audio.device;

import java.io.IOException;

/** Bytes that are not a WAV file this project reads; the message says what is wrong, for people. */
public final class WavFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public WavFormatException(String message) {
        super(message);
    }
}
