package dev.confab.server.voice.link;

import dev.confab.protocol.Limits;
import dev.confab.server.voice.VoiceRelays;
import dev.confab.voice.control.TunnelPeer;
import dev.confab.voice.link.LinkTransport;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The voice nodes a chat node links to, one {@link VoiceLink} each, in the order configured.
 *
 * <p>Each room is served by one node: the one at index {@code floorMod(room id, node count)} in
 * that order, the same rule as {@link VoiceRelays#forRoom}. The choice is stable across restarts
 * as long as the list is; adding, removing or reordering nodes moves rooms (sessions already
 * open stay where they were opened until their next room change or login).
 */
public final class VoiceNodes implements AutoCloseable {

    /** A voice node's link address. */
    public record Address(String host, int port) {

        public Address {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("a voice node address needs a host");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
            }
        }

        /**
         * {@code host}, {@code host:port}, {@code [v6 address]} or {@code [v6 address]:port}; the
         * port defaults to {@code defaultPort} (the voice node's default link port is
         * {@value Limits#DEFAULT_PORT}, as its UDP port).
         */
        public static Address parse(String text, int defaultPort) {
            String s = text.strip();
            String host = s;
            String port = null;
            if (s.startsWith("[")) {
                int end = s.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("no closing ] in " + text);
                }
                host = s.substring(1, end);
                String rest = s.substring(end + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new IllegalArgumentException("not host:port: " + text);
                    }
                    port = rest.substring(1);
                }
            } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                host = s.substring(0, s.indexOf(':'));
                port = s.substring(s.indexOf(':') + 1);
            }
            try {
                return new Address(host, port == null ? defaultPort : Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port number: " + port);
            }
        }

        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    private final List<VoiceLink> links;
    /** The event loops the links run on, when this made them; null when the caller shares its own. */
    private final EventLoopGroup ownGroup;

    private VoiceNodes(List<VoiceLink> links, EventLoopGroup ownGroup) {
        this.links = List.copyOf(links);
        this.ownGroup = ownGroup;
    }

    /**
     * Links to every node on event loops of its own (one thread per two nodes, at most two).
     * Returns at once; the links come up in the background ({@link #connected}).
     *
     * @param keysLost given to every link: told, on that link's event loop, the ids of sessions
     *     whose keys a voice node has lost, which need new ids and keys (see {@link VoiceLink})
     */
    public static VoiceNodes connect(List<Address> nodes, byte[] secret, TunnelPeer tunnel,
            Consumer<List<Integer>> keysLost) {
        EventLoopGroup group = LinkTransport.newGroup(Math.min(2, Math.max(1, (nodes.size() + 1) / 2)), "voice-link");
        try {
            return new VoiceNodes(links(nodes, secret, tunnel, keysLost, group), group);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Links to every node on event loops of {@code group}, which stays the caller's to shut down. */
    public static VoiceNodes connect(List<Address> nodes, byte[] secret, TunnelPeer tunnel,
            Consumer<List<Integer>> keysLost, EventLoopGroup group) {
        return new VoiceNodes(links(nodes, secret, tunnel, keysLost, group), null);
    }

    private static List<VoiceLink> links(List<Address> nodes, byte[] secret, TunnelPeer tunnel,
            Consumer<List<Integer>> keysLost, EventLoopGroup group) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one voice node");
        }
        List<VoiceLink> links = new ArrayList<>();
        try {
            for (Address node : nodes) {
                links.add(new VoiceLink(node.host(), node.port(), secret, tunnel, keysLost, group));
            }
        } catch (RuntimeException e) {
            links.forEach(VoiceLink::close);
            throw e;
        }
        return links;
    }

    /** The node serving {@code room}: index floorMod(room, count). */
    public VoiceLink forRoom(long room) {
        return links.get((int) Math.floorMod(room, (long) links.size()));
    }

    public List<VoiceLink> links() {
        return links;
    }

    /**
     * The links as {@link VoiceRelays} wants them, in the same order (so it picks the same node
     * per room), each reporting {@link VoiceLink#endpointOrGuess()}.
     */
    public List<VoiceRelays.Relay> relays() {
        List<VoiceRelays.Relay> relays = new ArrayList<>();
        for (VoiceLink link : links) {
            relays.add(new VoiceRelays.Relay(link, () -> link.endpointOrGuess().host(),
                    () -> link.endpointOrGuess().port()));
        }
        return relays;
    }

    /** Completes when every link is up (each at least once). */
    public CompletableFuture<Void> connected() {
        return CompletableFuture.allOf(links.stream().map(VoiceLink::connected).toArray(CompletableFuture[]::new));
    }

    /** Closes every link (each voice node closes the sessions this node opened), then the event loops if owned. */
    @Override
    public void close() {
        links.forEach(VoiceLink::close);
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
