package dev.confab.server.voice;

import dev.confab.protocol.MessageCodec;
import dev.confab.protocol.VoiceTunnel;
import dev.confab.server.net.Connection;
import dev.confab.voice.control.TunnelPeer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat end of the voice tunnel: for each voice session whose voice comes over a chat
 * connection, that connection, so the relay's packets for it go back the same way. Written from
 * event loops as tunnelled packets arrive, read from relay threads.
 */
public final class TunnelRoutes implements TunnelPeer {
    private final Map<Integer, Connection> routes = new ConcurrentHashMap<>();

    void route(int sessionId, Connection connection) {
        if (routes.get(sessionId) != connection) {
            routes.put(sessionId, connection);
        }
    }

    void forget(int sessionId) {
        routes.remove(sessionId);
    }

    /** A packet from a relay for a tunnelled session: down its chat connection as a "voice" line. */
    @Override
    public void deliver(int sessionId, byte[] packet, int length) {
        Connection connection = routes.get(sessionId);
        if (connection != null && connection.isOpen()) {
            ByteBuffer base64 = Base64.getEncoder().encode(ByteBuffer.wrap(packet, 0, length));
            String text = new String(base64.array(), 0, base64.limit(), StandardCharsets.ISO_8859_1);
            connection.sendLine(MessageCodec.encodeLine(new VoiceTunnel(text)));
        }
    }
}
