/**
 * The chat connection. {@link dev.confab.client.chat.ChatConnection} is one TLS connection:
 * hello, requests correlated with replies by id, events, automatic pongs.
 * {@link dev.confab.client.chat.ChatSession} is a login that survives drops by reconnecting
 * and resuming; it is what the TUI, the CLI and tests hold.
 *
 * <p>Netty threads never block here: replies, events and state changes are handled on the
 * connection's event loop, and file and DNS work (known_servers, host names) happen on the
 * caller's thread or the JDK's common pool.
 */
package dev.confab.client.chat;
