package dev.confab.bench;

import dev.confab.client.trust.ServerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The server under load: where it listens, the fingerprint to pin, the moderator or admin
 * account to set up with, and, when known, its process id so its memory and CPU can be read.
 * Either a server this run started (and stops on close) or one that was already running.
 */
final class Target implements AutoCloseable {
    static final String ADMIN_NAME = "bench";

    private final ServerAddress address;
    private final String fingerprint;
    private final String user;
    private final String password;
    private final long pid;
    private final ServerProcess owned;
    private final String description;

    private Target(ServerAddress address, String fingerprint, String user, String password, long pid,
                   ServerProcess owned, String description) {
        this.address = address;
        this.fingerprint = fingerprint;
        this.user = user;
        this.password = password;
        this.pid = pid;
        this.owned = owned;
        this.description = description;
    }

    /** Starts a fresh server from {@code jar} and makes its admin account with a random password. */
    static Target start(java.nio.file.Path jar, List<String> jvmOptions, boolean keepData)
            throws IOException, InterruptedException {
        ServerProcess server = ServerProcess.start(jar, jvmOptions, keepData);
        try {
            String password = randomPassword();
            server.createAdmin(ADMIN_NAME, password);
            String jvm = jvmOptions.isEmpty() ? "default JVM options" : "JVM options " + String.join(" ", jvmOptions);
            return new Target(new ServerAddress("127.0.0.1", server.port()), server.fingerprint(), ADMIN_NAME,
                    password, server.pid(), server, "confab-server pid " + server.pid() + " (" + jvm + ")");
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A server that is already running. It must be on this machine's loopback: a load generator
     * pointed at someone else's server by a typo would be an attack.
     *
     * @param pid the server's process id for memory and CPU figures, or -1
     */
    static Target existing(ServerAddress address, String fingerprint, String user, String password, long pid)
            throws IOException {
        if (!InetAddress.getByName(address.host()).isLoopbackAddress()) {
            throw new IllegalArgumentException("--server must be a loopback address (127.0.0.1 or ::1), not "
                    + address.host() + ": the load generator only loads servers on this machine");
        }
        return new Target(address, fingerprint, user, password, pid, null, "existing server " + address
                + (pid > 0 ? " (pid " + pid + ")" : ""));
    }

    ServerAddress address() {
        return address;
    }

    String fingerprint() {
        return fingerprint;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The server's process id, or -1 when not known (memory and CPU are then not reported). */
    long pid() {
        return pid;
    }

    String description() {
        return description;
    }

    /** Stops the server if this run started it; an existing server is left alone. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
