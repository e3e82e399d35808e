package dev.confab.server.voice;

import dev.confab.protocol.Account;
import dev.confab.protocol.Role;
import dev.confab.protocol.VoiceTunnel;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.server.net.Connection;
import dev.confab.server.presence.Session;
import dev.confab.server.voice.VoiceRelays.Relay;
import dev.confab.voice.control.SessionSpec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The voice sessions the chat server has handed out: for each logged-in presence, a random 32-bit
 * session id and a random 256-bit key, bound to one room and opened at the relay serving it.
 * The relay accepts a packet only under a key opened there, so revoking an entry silences it at
 * once. Minted and revoked on the hub thread; the tunnel reads the map from event loops.
 *
 * <p>A client whose UDP does not get through sends its voice packets over its chat connection:
 * they are checked here and passed to the relay serving its session, and {@link TunnelRoutes}
 * sends the relay's answers back down the connection that last sent one.
 */
public final class VoiceSessions {
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, VoiceGrant> active = new ConcurrentHashMap<>();
    private final VoiceRelays relays;
    private final TunnelRoutes tunnels;

    /** One voice session and the relay it is open at. The key never appears in logs or toString. */
    public record VoiceGrant(int sessionId, byte[] key, long chatSession, long account, long room, int bitrate,
            Relay relay) {
        @Override
        public String toString() {
            return "VoiceGrant[session=" + Integer.toUnsignedString(sessionId) + ", room=" + room + "]";
        }
    }

    public VoiceSessions(VoiceRelays relays, TunnelRoutes tunnels) {
        this.relays = relays;
        this.tunnels = tunnels;
    }

    /**
     * A new session for a person in a room, open at the room's relay. Members and above may
     * whisper to anyone on that relay; guests only within their room.
     */
    public VoiceGrant mint(long chatSession, Account account, long room, int bitrate, boolean muted, boolean deafened) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Relay relay = relays.forRoom(room);
        while (true) {
            int id = random.nextInt();
            // 0 is kept free as "no session" on the wire.
            if (id != 0 && active.putIfAbsent(id,
                    new VoiceGrant(id, key, chatSession, account.id(), room, bitrate, relay)) == null) {
                relay.control().open(new SessionSpec(id, key, chatSession, account.name(), room, bitrate,
                        account.role().atLeast(Role.MEMBER), muted, deafened));
                return active.get(id);
            }
        }
    }

    public void revoke(VoiceGrant grant) {
        if (active.remove(grant.sessionId(), grant)) {
            tunnels.forget(grant.sessionId());
            grant.relay().control().close(grant.sessionId());
        }
    }

    /**
     * A voice packet a client sent over its chat connection (an event loop thread). It is passed
     * on only when it names the voice session of the connection's own login; false when it was
     * refused (not logged in, not base64, someone else's session, or revoked).
     */
    public boolean fromClient(Connection connection, VoiceTunnel tunnel) {
        Session session = connection.session();
        byte[] packet = decode(tunnel.packet());
        if (session == null || packet == null || packet.length < VoicePacket.MIN_PACKET_BYTES) {
            return false;
        }
        VoiceGrant grant = active.get(VoicePacket.session(packet, 0));
        if (grant == null || grant.chatSession() != session.id()) {
            return false;
        }
        tunnels.route(grant.sessionId(), connection);
        grant.relay().control().tunnelled(packet);
        return true;
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.length() > 4 * (VoicePacket.MAX_PACKET_BYTES + 2) / 3) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public VoiceGrant find(int sessionId) {
        return active.get(sessionId);
    }

    public Collection<VoiceGrant> active() {
        return active.values();
    }

    public VoiceRelays relays() {
        return relays;
    }
}
