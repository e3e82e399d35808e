package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Limits;
import dev.confab.server.accounts.AccountHandlers;
import dev.confab.server.accounts.LoginThrottle;
import dev.confab.server.accounts.PasswordHasher;
import dev.confab.server.chat.ChatHandlers;
import dev.confab.server.moderation.BanList;
import dev.confab.server.moderation.Bans;
import dev.confab.server.moderation.ModerationHandlers;
import dev.confab.server.net.ChatListener;
import dev.confab.server.net.Connection;
import dev.confab.server.net.ConnectionServices;
import dev.confab.server.net.ServerCounters;
import dev.confab.server.presence.Presence;
import dev.confab.server.rooms.RoomHandlers;
import dev.confab.server.rooms.RoomTree;
import dev.confab.server.rooms.Rooms;
import dev.confab.server.storage.Database;
import dev.confab.server.tls.TlsFiles;
import dev.confab.server.voice.TunnelRoutes;
import dev.confab.server.voice.VoiceHandlers;
import dev.confab.server.voice.VoiceRelays;
import dev.confab.server.voice.VoiceSessions;
import dev.confab.server.voice.link.VoiceNodes;
import dev.confab.voice.VoiceServer;
import dev.confab.voice.VoiceServerConfig;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running chat server: the one place that builds every part and wires them together, in the
 * order that keeps the promises of the docs (schema migrated before the port opens; on close,
 * connections told and closed before the database finishes its writes).
 */
public final class ChatServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    static final String NAME = "confab-server 0.1";

    private final Database db;
    private final PasswordHasher hasher;
    private final Hub hub;
    private final Presence presence;
    private final VoiceSessions voiceSessions;
    /** The relay in this process, or null when voice nodes relay. */
    private final VoiceServer relay;
    /** The links to voice nodes, or null when the relay is in this process. */
    private final VoiceNodes nodes;
    private final ServerCounters counters;
    private final ChatListener listener;
    private final String fingerprint;

    private ChatServer(ServerConfig config, Clock clock) throws Exception {
        Files.createDirectories(config.dataDir());
        db = Database.open(config.databaseFile());
        VoiceServer startedRelay = null;
        VoiceNodes linkedNodes = null;
        try {
            long now = clock.millis();
            List<Rooms.StoredRoom> storedRooms = db.read(Rooms::loadAll).get();
            BanList bans = new BanList(db.read(c -> Bans.active(c, now)).get());
            hasher = new PasswordHasher(config.hashingThreads(), 64);
            hub = new Hub();
            // Voice first: its UDP port decides the chat port when both are "any free one".
            TunnelRoutes tunnels = new TunnelRoutes();
            VoiceRelays relays;
            if (config.voice().nodes().isEmpty()) {
                startedRelay = VoiceServer.start(
                        new VoiceServerConfig(config.bind(), udpPort(config), config.voice().relayThreads()), tunnels);
                relays = new VoiceRelays(List.of(
                        new VoiceRelays.Relay(startedRelay.control(), config::publicHost, startedRelay::port)));
            } else {
                List<VoiceNodes.Address> addresses = config.voice().nodes().stream()
                        .map(node -> VoiceNodes.Address.parse(node, Limits.DEFAULT_PORT)).toList();
                linkedNodes = VoiceNodes.connect(addresses, config.voice().linkSecret(), tunnels, this::voiceKeysLost);
                relays = new VoiceRelays(linkedNodes.relays());
            }
            relay = startedRelay;
            nodes = linkedNodes;
            voiceSessions = new VoiceSessions(relays, tunnels);
            RoomTree tree = new RoomTree(storedRooms);
            presence = new Presence(tree, voiceSessions, hub, config.resumeGrace());
            LoginThrottle throttle = new LoginThrottle(clock, config.loginFailureWindow().toMillis(),
                    config.maxLoginFailuresPerAccount(), config.maxLoginFailuresPerAddress());

            Router router = new Router();
            new AccountHandlers(db, hasher, throttle, bans, presence, hub, clock).register(router);
            RoomHandlers rooms = new RoomHandlers(tree, presence, db, hasher, hub, clock);
            rooms.register(router);
            new ChatHandlers(rooms, presence, db, hub, clock, config.listener().maxMessageChars()).register(router);
            new ModerationHandlers(presence, bans, db, hub, clock).register(router);
            new VoiceHandlers(presence, relays, hub).register(router);

            SslContext tls = null;
            String print = null;
            if (!config.plaintext()) {
                TlsFiles files = config.tlsCertificate() != null
                        ? TlsFiles.given(config.tlsCertificate(), config.tlsKey())
                        : TlsFiles.selfSigned(config.tlsFolder());
                tls = files.serverContext();
                print = files.fingerprint();
            }
            fingerprint = print;
            counters = new ServerCounters();
            ConnectionServices services = new ConnectionServices(router, hub, presence, bans, voiceSessions, clock,
                    counters, NAME);
            listener = listen(config, tls, services, relay != null ? relay.port() : config.port());
            log.info("listening on {}:{} ({}), voice {}, data in {}", config.bind(), listener.port(),
                    tls == null ? "PLAINTEXT" : "TLS " + fingerprint,
                    relay != null ? "on UDP " + relay.port() : "by " + config.voice().nodes(), config.dataDir());
        } catch (Exception e) {
            if (startedRelay != null) {
                startedRelay.close();
            }
            if (linkedNodes != null) {
                linkedNodes.close();
            }
            db.close();
            throw e;
        }
    }

    /** A voice node lost these sessions' keys; called on a link's thread. */
    private void voiceKeysLost(List<Integer> voiceSessionIds) {
        hub.execute(() -> presence.renewVoice(voiceSessionIds));
    }

    private static int udpPort(ServerConfig config) {
        int configured = config.voice().udpPort();
        return configured == ServerConfig.VoiceSetup.SAME_PORT ? config.port() : configured;
    }

    /**
     * Opens the chat port. Asked for any free port (tests), it takes the number the voice relay
     * got, so chat and voice share a number as they do on 7700; if TCP has that number taken,
     * any free one does.
     */
    private static ChatListener listen(ServerConfig config, SslContext tls, ConnectionServices services, int udpPort)
            throws InterruptedException {
        if (config.port() == 0 && udpPort > 0 && config.voice().udpPort() == ServerConfig.VoiceSetup.SAME_PORT) {
            try {
                return new ChatListener(new InetSocketAddress(config.bind(), udpPort), tls, config.listener(), services);
            } catch (Exception e) {
                // Netty rethrows the bind failure undeclared (a BindException, or epoll's own).
                if (!(e instanceof IOException)) {
                    throw e;
                }
                log.debug("TCP port {} is taken; chat takes any free port", udpPort);
            }
        }
        return new ChatListener(new InetSocketAddress(config.bind(), config.port()), tls, config.listener(), services);
    }

    public static ChatServer start(ServerConfig config) throws Exception {
        return new ChatServer(config, Clock.systemUTC());
    }

    public int port() {
        return listener.port();
    }

    /** The TLS certificate's fingerprint, or null in plaintext mode. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The UDP port of the relay in this process; -1 when voice nodes relay. */
    public int voicePort() {
        return relay != null ? relay.port() : -1;
    }

    public VoiceSessions voiceSessions() {
        return voiceSessions;
    }

    public ServerCounters counters() {
        return counters;
    }

    /**
     * Tells every client the server is going, closes the port, then lets the hub and the database
     * finish what they hold: every acknowledged message is already committed, and every write
     * queued before this point is committed before the file closes.
     */
    @Override
    public void close() {
        CompletableFuture<Void> told = new CompletableFuture<>();
        hub.execute(() -> {
            presence.all().forEach(session -> {
                Connection connection = session.connection();
                if (connection != null) {
                    connection.close(ErrorCode.SHUTTING_DOWN, "the server is shutting down");
                }
            });
            told.complete(null);
        });
        try {
            told.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("could not say goodbye to every client", e);
        }
        listener.close();
        if (relay != null) {
            relay.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        hub.close();
        hasher.close();
        db.close();
        log.info("stopped");
    }
}
