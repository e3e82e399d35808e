package dev.confab.cli.it;

import dev.confab.client.chat.ChatConnection;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.server.ChatServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.accounts.AccountAdmin;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real chat server in this JVM for the CLI to talk to: loopback, real TLS with its own
 * self-signed certificate, a real SQLite file in a temporary folder. Restartable on the same
 * port and folder, as a server restart looks to a client.
 */
final class CliServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";

    private final ServerConfig config;
    private ChatServer server;

    private CliServer(ServerConfig config) throws Exception {
        this.config = config;
        this.server = ChatServer.start(config);
    }

    static CliServer start(Path dataDir) throws Exception {
        return new CliServer(ServerConfig.defaults(dataDir).withAddress("127.0.0.1", 0));
    }

    /** Stops, then starts again on the same port with the same data and certificate. */
    void restart() throws Exception {
        int port = server.port();
        server.close();
        server = ChatServer.start(config.withAddress("127.0.0.1", port));
    }

    /** {@code 127.0.0.1:PORT}, as CONFAB_SERVER takes it. */
    String address() {
        return "127.0.0.1:" + server.port();
    }

    int port() {
        return server.port();
    }

    String fingerprint() {
        return server.fingerprint();
    }

    /** An account made the way an operator does it, straight in the database. */
    String createUser(String name, Role role) throws Exception {
        AccountAdmin.createUser(config.databaseFile(), name, PASSWORD, role);
        return name;
    }

    /** An API token of {@code name}, for CONFAB_TOKEN. */
    String tokenFor(String name) throws Exception {
        ChatConnection connection = open();
        try {
            connection.request(id -> new Request.Login(id, name, PASSWORD, null), Reply.LoggedIn.class).get(10, TimeUnit.SECONDS);
            return connection.request(id -> new Request.CreateToken(id, "test"), Reply.TokenCreated.class)
                    .get(10, TimeUnit.SECONDS).secret();
        } finally {
            connection.close().get(10, TimeUnit.SECONDS);
        }
    }

    /** A client-core connection, logged in with {@code token}: another person, seen from the CLI. */
    ChatConnection connectWithToken(String token) throws Exception {
        return connectWithToken(token, event -> { });
    }

    /** The same, with {@code events} listening from before the login (so it sees the login's voice_session). */
    ChatConnection connectWithToken(String token, Consumer<Event> events) throws Exception {
        ChatConnection connection = open();
        connection.addEventListener(events);
        connection.request(id -> new Request.Login(id, null, null, token), Reply.LoggedIn.class).get(10, TimeUnit.SECONDS);
        return connection;
    }

    private ChatConnection open() throws Exception {
        ConnectOptions options = ConnectOptions.builder(new ServerAddress("127.0.0.1", server.port()),
                TrustPolicy.pinned(server.fingerprint())).build();
        return ChatConnection.open(options).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close();
    }
}
