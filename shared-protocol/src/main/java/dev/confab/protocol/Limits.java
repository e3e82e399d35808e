package dev.confab.protocol;

/** Protocol constants both ends agree on. Servers may advertise smaller limits in their welcome. */
public final class Limits {
    public static final int PROTOCOL_VERSION = 1;
    /** Longest line a client may send, in bytes, newline excluded. */
    public static final int MAX_LINE_BYTES = 16 * 1024;
    /**
     * Longest line a server may send. Larger than {@link #MAX_LINE_BYTES} because a snapshot of
     * thousands of people, or a full history page of long messages, is one line.
     */
    public static final int MAX_SERVER_LINE_BYTES = 16 * 1024 * 1024;
    /** Longest chat or direct message, in characters. */
    public static final int MAX_MESSAGE_CHARS = 4000;
    public static final int MAX_NAME_CHARS = 32;
    /** A display name: 1 to this many characters, no control characters, not only spaces. */
    public static final int MAX_DISPLAY_NAME_CHARS = 32;
    public static final int MIN_PASSWORD_CHARS = 8;
    public static final int MAX_PASSWORD_CHARS = 1024;
    public static final int MAX_HISTORY_PAGE = 500;
    public static final int DEFAULT_HISTORY_PAGE = 50;
    public static final int DEFAULT_PORT = 7700;

    private Limits() {
    }
}
