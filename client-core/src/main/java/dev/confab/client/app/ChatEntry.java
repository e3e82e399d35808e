package dev.confab.client.app;

/**
 * One line of a conversation as the UI shows it.
 *
 * @param id     the server's message id; 0 for lines the client made (notices, errors)
 * @param ts     when, in epoch milliseconds (the server's clock for messages)
 * @param kind   what it is
 * @param author the account name that wrote it; null for notices and errors
 * @param text   the text
 */
public record ChatEntry(long id, long ts, Kind kind, String author, String text) {

    public enum Kind {
        /** A room message. */
        MESSAGE,
        /** A {@code /me} action. */
        ACTION,
        /** A direct message, to or from the peer. */
        DIRECT,
        /** Something the client says: joins, moves, results of commands. */
        NOTICE,
        /** A command or the connection failed; the text says why. */
        ERROR
    }

    public static ChatEntry notice(String text) {
        return new ChatEntry(0, System.currentTimeMillis(), Kind.NOTICE, null, text);
    }

    public static ChatEntry error(String text) {
        return new ChatEntry(0, System.currentTimeMillis(), Kind.ERROR, null, text);
    }
}
