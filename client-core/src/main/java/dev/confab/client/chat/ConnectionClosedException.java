package dev.confab.client.chat;

import dev.confab.client.ChatException;

/** The request could not be answered because the connection is closed, or was never open. */
public final class ConnectionClosedException extends ChatException {

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
