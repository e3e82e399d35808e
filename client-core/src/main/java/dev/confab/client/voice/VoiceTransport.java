package dev.confab.client.voice;

/** How a {@link VoiceConnection} moves its packets right now. */
public enum VoiceTransport {
    /** No voice session: before the first grant, after a revoke, after the chat session ended or close. */
    OFF,
    /**
     * Granted, UDP not answered yet: UDP probes go out every 500 ms while voice goes through the
     * chat connection, so nothing said in the first seconds is lost. Becomes {@link #UDP} on the
     * first UDP answer, or {@link #TUNNEL} when none came within 3 s of the grant.
     */
    CONNECTING,
    /** Voice goes over UDP, which answered within the last 3 s. */
    UDP,
    /**
     * Voice goes through the chat connection (TCP, TLS) because UDP did not answer; UDP is
     * still probed every second, and a single answer switches back to {@link #UDP}.
     */
    TUNNEL
}
