package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.server.accounts.AccountHandlers;
import dev.confab.server.accounts.LoginThrottle;
import dev.confab.server.accounts.PasswordHasher;
import dev.confab.server.chat.ChatHandlers;
import dev.confab.server.moderation.BanList;
import dev.confab.server.moderation.Bans;
import dev.confab.server.moderation.ModerationHandlers;
import dev.confab.server.net.ChatListener;
import dev.confab.server.net.Connection;
import dev.confab.server.net.ServerCounters;
import dev.confab.server.presence.Presence;
import dev.confab.server.rooms.RoomHandlers;
import dev.confab.server.rooms.RoomTree;
import dev.confab.server.rooms.Rooms;
import dev.confab.server.storage.Database;
import dev.confab.server.tls.TlsFiles;
import dev.confab.server.voice.VoiceSessions;
import io.netty.handler.ssl.SslContext;
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
    private final ServerCounters counters;
    private final ChatListener listener;
    private final String fingerprint;

    private ChatServer(ServerConfig config, Clock clock) throws Exception {
        Files.createDirectories(config.dataDir());
        db = Database.open(config.databaseFile());
        try {
            long now = clock.millis();
            List<Rooms.StoredRoom> storedRooms = db.read(Rooms::loadAll).get();
            BanList bans = new BanList(db.read(c -> Bans.active(c, now)).get());
            hasher = new PasswordHasher(config.hashingThreads(), 64);
            hub = new Hub();
            voiceSessions = new VoiceSessions();
            RoomTree tree = new RoomTree(storedRooms);
            // Until the voice relay has its own socket, voice is announced on the chat port number.
            presence = new Presence(tree, voiceSessions, hub, config.resumeGrace(),
                    new Presence.VoiceEndpoint(config.publicHost(), this::port));
            LoginThrottle throttle = new LoginThrottle(clock, config.loginFailureWindow().toMillis(),
                    config.maxLoginFailuresPerAccount(), config.maxLoginFailuresPerAddress());

            Router router = new Router();
            new AccountHandlers(db, hasher, throttle, bans, presence, hub, clock).register(router);
            RoomHandlers rooms = new RoomHandlers(tree, presence, db, hasher, hub, clock);
            rooms.register(router);
            new ChatHandlers(rooms, presence, db, hub, clock, config.listener().maxMessageChars()).register(router);
            new ModerationHandlers(presence, bans, db, hub, clock).register(router);

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
            listener = new ChatListener(new InetSocketAddress(config.bind(), config.port()), tls, config.listener(),
                    router, hub, presence, bans, clock, counters, NAME);
            log.info("listening on {}:{} ({}), data in {}", config.bind(), listener.port(),
                    tls == null ? "PLAINTEXT" : "TLS " + fingerprint, config.dataDir());
        } catch (Exception e) {
            db.close();
            throw e;
        }
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
        hub.close();
        hasher.close();
        db.close();
        log.info("stopped");
    }
}
