package dev.confab.client.audio.device;

/**
 * An audio device or backend could not be used: it is missing, busy, refuses the format, or
 * failed while running. The message says which device and backend, and why, in words fit for a
 * person at a terminal.
 */
public class AudioDeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
