package dev.confab.client.control;

import java.io.IOException;

/** The control socket cannot be served or reached; the message says why, for a person to read. */
public final class PttControlException extends IOException {

    public PttControlException(String message) {
        super(message);
    }

    public PttControlException(String message, Throwable cause) {
        super(message, cause);
    }
}
