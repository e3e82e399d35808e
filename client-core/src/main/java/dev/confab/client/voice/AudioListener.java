package dev.confab.client.voice;

/**
 * Receives the audio a {@link VoiceConnection} opened, from either path (UDP or the tunnel),
 * after it was checked: well formed, sent by the server, for this client's voice session, not
 * a replay, sealed under the session's key. Called on the chat session's event loop, in arrival
 * order; it must return quickly and never block.
 */
@FunctionalInterface
public interface AudioListener {
    /**
     * @param speaker   the chat session id of whoever spoke (this client's own on an echo)
     * @param timestamp the speaker's 48 kHz sample clock at the frame, as they sent it
     * @param flags     {@code VoicePacket.FLAG_WHISPER} if whispered to this client,
     *                  {@code VoicePacket.FLAG_ECHO} if it is this client's own echo; otherwise 0
     * @param payload   the opened payload (an Opus frame), a fresh array the listener may keep
     */
    void audio(long speaker, int timestamp, int flags, byte[] payload);
}
