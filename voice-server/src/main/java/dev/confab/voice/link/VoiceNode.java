package dev.confab.voice.link;

import dev.confab.voice.VoiceServer;
import dev.confab.voice.VoiceServerConfig;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A voice node: {@code confab-server --role voice}. A UDP relay that knows sessions only from the
 * chat nodes linked to it, and the link port they connect to. Its tunnelled packets go back over
 * the link that opened their session.
 */
public final class VoiceNode implements AutoCloseable {
    /** For {@code linkPort}: the number the UDP relay got. */
    public static final int SAME_AS_UDP = -1;
    private static final Logger log = LoggerFactory.getLogger(VoiceNode.class);

    private final VoiceServer relay;
    private final LinkServer links;
    private final LinkSessions sessions;

    private VoiceNode(VoiceServer relay, LinkServer links, LinkSessions sessions) {
        this.relay = relay;
        this.links = links;
        this.sessions = sessions;
    }

    /**
     * Starts the relay, then the link port.
     *
     * @param udp        where the relay listens
     * @param linkBind   the address the link port listens on; null for every address
     * @param linkPort   its TCP port; 0 for any free one, {@link #SAME_AS_UDP} for the relay's number
     * @param secret     shared with the chat nodes, at least {@link LinkKeys#MIN_SECRET_BYTES} bytes
     * @param publicHost where clients send voice; null for the host a chat node linked to
     * @throws IllegalArgumentException when the secret is too short (before anything is bound)
     */
    public static VoiceNode start(VoiceServerConfig udp, String linkBind, int linkPort, byte[] secret,
            String publicHost) throws Exception {
        LinkKeys.checkSecret(secret);
        LinkSessions sessions = new LinkSessions();
        VoiceServer relay = VoiceServer.start(udp, sessions);
        try {
            int port = linkPort == SAME_AS_UDP ? relay.port() : linkPort;
            InetSocketAddress bind = linkBind == null ? new InetSocketAddress(port) : new InetSocketAddress(linkBind, port);
            LinkServer links = LinkServer.start(bind, secret, relay.control(), sessions, publicHost, relay.port());
            log.info("voice node: relay on UDP {}, links on TCP {}:{}, clients told {}", relay.port(),
                    linkBind == null ? "*" : linkBind, links.port(),
                    publicHost == null ? "the host each chat node links to" : publicHost + ":" + relay.port());
            return new VoiceNode(relay, links, sessions);
        } catch (Exception | Error e) {
            relay.close();
            throw e;
        }
    }

    public int udpPort() {
        return relay.port();
    }

    public int linkPort() {
        return links.port();
    }

    /** Sessions currently open through links. */
    public int sessions() {
        return sessions.size();
    }

    /** Closes the links (and so their sessions), then the relay. */
    @Override
    public void close() {
        links.close();
        relay.close();
        log.info("voice node stopped");
    }
}
