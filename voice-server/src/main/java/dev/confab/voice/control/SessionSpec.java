package dev.confab.voice.control;

/**
 * One voice session as the chat server minted it. {@code chatSession} is the id everybody sees
 * in presence: relayed audio is stamped with it, and whispers name it. {@code bitrate} is the
 * room's, in bits per second, and bounds what the session may send. {@code whisperAnywhere}:
 * members and above may whisper to anyone on this relay; guests only to people in their room.
 * The key never appears in logs or toString.
 */
public record SessionSpec(int sessionId, byte[] key, long chatSession, String name, long room, int bitrate,
        boolean whisperAnywhere, boolean muted, boolean deafened) {

    @Override
    public String toString() {
        return "SessionSpec[session=" + Integer.toUnsignedString(sessionId) + ", chatSession=" + chatSession
                + ", room=" + room + "]";
    }
}
