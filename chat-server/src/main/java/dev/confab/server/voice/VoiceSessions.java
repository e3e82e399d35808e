package dev.confab.server.voice;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voice sessions the chat server has handed out: for each logged-in presence, a random 32-bit
 * session id and a random 256-bit key, bound to one room. The voice relay accepts a packet only
 * under a key listed here, so revoking an entry silences it at once. Minted on the hub thread;
 * the relay reads the map from its own threads.
 */
public final class VoiceSessions {
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, VoiceGrant> active = new ConcurrentHashMap<>();

    /** One voice session. The key never appears in logs or toString. */
    public record VoiceGrant(int sessionId, byte[] key, long chatSession, long account, long room, int bitrate) {
        @Override
        public String toString() {
            return "VoiceGrant[session=" + Integer.toUnsignedString(sessionId) + ", room=" + room + "]";
        }
    }

    public VoiceGrant mint(long chatSession, long account, long room, int bitrate) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        while (true) {
            int id = random.nextInt();
            // 0 is kept free as "no session" on the wire.
            if (id != 0 && active.putIfAbsent(id, new VoiceGrant(id, key, chatSession, account, room, bitrate)) == null) {
                return active.get(id);
            }
        }
    }

    public void revoke(VoiceGrant grant) {
        active.remove(grant.sessionId(), grant);
    }

    public VoiceGrant find(int sessionId) {
        return active.get(sessionId);
    }

    public Collection<VoiceGrant> active() {
        return active.values();
    }
}
