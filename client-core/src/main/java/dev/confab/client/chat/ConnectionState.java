package dev.confab.client.chat;

/** Where a {@link ChatSession} stands. */
public enum ConnectionState {
    /** Opening the first connection and logging in. */
    CONNECTING,
    /** Logged in; requests go through. */
    ONLINE,
    /** The connection dropped; trying to get it back and resume. Requests fail fast meanwhile. */
    RECONNECTING,
    /** Not connected: before the first login, and for good after logout or a failure that retrying cannot fix. */
    CLOSED
}
