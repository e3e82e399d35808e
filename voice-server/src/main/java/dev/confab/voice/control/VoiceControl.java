package dev.confab.voice.control;

import java.util.concurrent.CompletableFuture;

/**
 * What a chat server tells a voice server. The relay implements it in-process (one
 * {@code confab-server} running both roles); the chat side of the link implements it by sending
 * each call over TCP to a voice node. Calls come from the chat server's hub thread, in order,
 * and take effect before the next packet is routed: after {@link #close} the old key opens
 * nothing.
 */
public interface VoiceControl {

    /** From now on, packets sealed under the session's key are accepted and routed in its room. */
    void open(SessionSpec session);

    /** The key stops working and the session is sent nothing more. Unknown ids are ignored. */
    void close(int sessionId);

    /**
     * Mute and deafen state. {@code muted}: its packets are dropped (a person's own mute, or a
     * moderator's). {@code deafened}: it is sent nothing.
     */
    void setState(int sessionId, boolean muted, boolean deafened);

    /**
     * A packet that reached the chat server over a client's chat connection (the TCP fallback),
     * exactly as it would have come over UDP. The caller has checked that it names the
     * connection's own voice session; the answers go to the {@link TunnelPeer}. The array is not
     * kept.
     */
    void tunnelled(byte[] packet);

    /** The counters, in total and per session. */
    CompletableFuture<RelayStats> stats();
}
