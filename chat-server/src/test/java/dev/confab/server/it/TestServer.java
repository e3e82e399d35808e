package dev.confab.server.it;

import dev.confab.voice.LeakWatch;
import dev.confab.protocol.Role;
import dev.confab.server.ChatServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.accounts.AccountAdmin;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real chat server for end-to-end tests: loopback, an ephemeral port, a real SQLite file in a
 * temporary data folder and a real self-signed TLS certificate. Restartable on the same folder.
 */
public final class TestServer implements AutoCloseable {
    /** The password every test account gets. */
    public static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final ServerConfig config;
    private ChatServer server;

    private TestServer(ServerConfig config) throws Exception {
        this.config = config;
        this.server = ChatServer.start(config);
    }

    public static TestServer start(Path dataDir) throws Exception {
        return start(dataDir, UnaryOperator.identity());
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) throws Exception {
        return new TestServer(tweak.apply(ServerConfig.defaults(dataDir).withAddress("127.0.0.1", 0)));
    }

    /** Stops and starts again on the same data folder (a new port). */
    public void restart() throws Exception {
        server.close();
        server = ChatServer.start(config);
    }

    public ChatServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public TestClient connect() {
        return TestClient.connect(this);
    }

    /** A fresh account name, unique across the test run. */
    public static String uniqueName(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    public TestClient registered(String prefix) {
        TestClient client = connect();
        client.register(uniqueName(prefix));
        return client;
    }

    /** An account made through the admin command, then logged in. */
    public TestClient withRole(String prefix, Role role) throws Exception {
        String name = uniqueName(prefix);
        AccountAdmin.createUser(config.databaseFile(), name, PASSWORD, role);
        TestClient client = connect();
        client.login(name, PASSWORD);
        return client;
    }

    /**
     * Runs {@code drop} (which cuts a logged-in connection) and waits until the server keeps that
     * session for a resume: what it writes to the dead socket before then is lost with it.
     */
    public void dropAndAwaitDetached(ThrowingRunnable drop) throws Exception {
        long before = server.counters().sessionsDetached.sum();
        drop.run();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (server.counters().sessionsDetached.sum() == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never noticed the dropped connection");
            }
            Thread.sleep(10);
        }
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        server.close();
        LeakWatch.assertNoLeaks();
    }
}
