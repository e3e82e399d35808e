package dev.confab.voice.control;

/**
 * Where the relay sends packets for sessions whose voice currently comes through the chat
 * connection. In-process it is the chat server; in split mode it is the link back to it.
 * Called from the relay's threads; must not block, and must copy what it keeps: the relay
 * reuses {@code packet} once the call returns.
 */
@FunctionalInterface
public interface TunnelPeer {
    void deliver(int sessionId, byte[] packet, int length);
}
