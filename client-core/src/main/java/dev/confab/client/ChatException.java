package dev.confab.client;

/**
 * The base of every failure the chat client reports on purpose (as opposed to I/O errors and
 * timeouts, which keep their JDK types), so a UI can show {@link #getMessage()} as it is.
 */
public class ChatException extends Exception {

    public ChatException(String message) {
        super(message);
    }

    public ChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
