package dev.confab.client.control;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TUI's push-to-talk control socket: a Unix domain socket through which a system hotkey
 * daemon (or {@code confab-cli ptt}) presses, releases and toggles the talk key, including for a
 * TUI running over SSH ({@code ssh host confab-cli ptt press}).
 *
 * <h2>Protocol</h2>
 * Text lines in UTF-8, ended by {@code \n} (a {@code \r} before it is ignored). Each request is
 * one word and gets one reply line, in order:
 * <pre>
 *   press    the external talk key is down      ok talking
 *   release  the external talk key is up        ok talking | ok idle
 *   toggle   flips the talk latch               ok talking | ok idle
 *   status   changes nothing                    ok talking | ok idle
 *   other    -                                  error unknown request
 * </pre>
 * {@code ok talking} means the TUI transmits after the request (from any source: its own key,
 * the mouse, the latch, a hold). Other errors: {@code error line too long} (more than
 * {@value #MAX_LINE} bytes; the server then closes the connection), {@code error too many
 * connections} (more than {@value #MAX_CONNECTIONS} at once; closed), {@code error the TUI did
 * not answer} (it did not apply the request within {@link #ANSWER_TIMEOUT}).
 *
 * <h2>Holds</h2>
 * A {@code press} holds the talk key until a {@code release} on any connection (a hotkey
 * daemon's key-up usually runs a new process) or until the pressing connection closes, so a
 * crashed daemon or a dropped SSH link cannot leave the microphone open. When a {@code release}
 * comes from another connection, the server closes the connections whose holds it ended: that
 * end of file is how a waiting {@code confab-cli ptt press} learns that it may exit.
 *
 * <h2>Safety</h2>
 * The socket's folder is made mode 700 and must belong to this user; the socket is mode 600. A
 * socket file nobody listens on (left by a crash) is replaced; one that answers belongs to
 * another running TUI and is refused. Every connection has its own thread, so a client that
 * sends garbage or stops reading only hurts itself.
 */
public final class PttControlServer implements AutoCloseable {

    /** Longest request line, in bytes, before the connection is closed. */
    public static final int MAX_LINE = 256;
    /** Connections served at once. Only this user can connect, so this bounds mistakes, not attacks. */
    public static final int MAX_CONNECTIONS = 16;
    /** How long a request may wait for the TUI to apply it (it does so on its next frame). */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(PttControlServer.class);

    private final Path path;
    private final PttControlListener listener;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final AtomicLong nextConnection = new AtomicLong(1);
    private final Map<Long, SocketChannel> open = new ConcurrentHashMap<>();
    /** Connections that pressed and have not been released since. */
    private final Map<Long, SocketChannel> holders = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private PttControlServer(Path path, PttControlListener listener, ServerSocketChannel server) {
        this.path = path;
        this.listener = listener;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "ptt-control");
        acceptor.setDaemon(true);
    }

    /** Listens at {@link PttSocketPath#resolve()}. */
    public static PttControlServer start(PttControlListener listener) throws PttControlException {
        return start(PttSocketPath.resolve(), listener);
    }

    /**
     * Listens at {@code path}, making its folder if needed.
     *
     * @throws PttControlException if another TUI listens there, or the folder or socket cannot be made safely
     */
    public static PttControlServer start(Path path, PttControlListener listener) throws PttControlException {
        prepareFolder(path.toAbsolutePath().getParent());
        replaceStaleSocket(path);
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw new PttControlException("cannot listen for push-to-talk control at " + path + ": " + e.getMessage(), e);
        }
        PttControlServer control = new PttControlServer(path, listener, server);
        control.acceptor.start();
        return control;
    }

    public Path path() {
        return path;
    }

    /** Stops listening, closes every connection (each one's hold ends) and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.values().forEach(PttControlServer::closeQuietly);
        try {
            acceptor.join(ANSWER_TIMEOUT.toMillis());
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not remove the control socket {}: {}", path, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void prepareFolder(Path folder) throws PttControlException {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            String owner = Files.getOwner(folder).getName();
            String me = System.getProperty("user.name");
            if (!owner.equals(me)) {
                throw new PttControlException("the folder " + folder + " belongs to " + owner + ", not " + me
                        + "; refusing to put the push-to-talk socket there");
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (PttControlException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            throw new PttControlException("cannot prepare " + folder + " for the push-to-talk socket: " + e, e);
        }
    }

    /** Removes a socket file nobody answers on; refuses one that answers. */
    private static void replaceStaleSocket(Path path) throws PttControlException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            throw new PttControlException("another confab is already listening for push-to-talk at " + path
                    + "; close it first (only one TUI per user can own the talk key)");
        } catch (ConnectException stale) {
            try {
                Files.delete(path);
                log.info("replaced a stale push-to-talk socket at {}", path);
            } catch (IOException e) {
                throw new PttControlException("cannot remove the stale socket " + path + ": " + e, e);
            }
        } catch (PttControlException e) {
            throw e;
        } catch (IOException e) {
            throw new PttControlException("cannot check the existing file " + path + ": " + e, e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("push-to-talk control stopped accepting: {}", e.toString());
                }
                return;
            }
            if (open.size() >= MAX_CONNECTIONS) {
                refuse(channel, "error too many connections");
                continue;
            }
            long id = nextConnection.getAndIncrement();
            open.put(id, channel);
            Thread thread = new Thread(() -> serve(id, channel), "ptt-control-" + id);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(long id, SocketChannel channel) {
        try (channel; InputStream in = new BufferedInputStream(Channels.newInputStream(channel))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    if (line.size() == MAX_LINE) {
                        write(channel, "error line too long");
                        return;
                    }
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                write(channel, answer(id, PttRequest.parse(text)));
            }
        } catch (AsynchronousCloseException expected) {
            // Closed by close() or by a release from another connection.
        } catch (IOException e) {
            log.debug("push-to-talk control connection {} broke: {}", id, e.toString());
        } finally {
            open.remove(id);
            holders.remove(id);
            notifyClosed(id);
        }
    }

    private String answer(long id, Optional<PttRequest> parsed) {
        if (parsed.isEmpty()) {
            return "error unknown request";
        }
        PttRequest request = parsed.get();
        if (request == PttRequest.PRESS) {
            holders.put(id, open.get(id));
        } else if (request == PttRequest.RELEASE) {
            holders.remove(id);
            holders.keySet().forEach(holder -> closeQuietly(holders.remove(holder)));
        }
        try {
            boolean talking = listener.request(id, request).toCompletableFuture()
                    .get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return talking ? "ok talking" : "ok idle";
        } catch (TimeoutException e) {
            return "error the TUI did not answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error interrupted";
        } catch (ExecutionException | RuntimeException e) {
            log.warn("push-to-talk request {} failed", request, e);
            return "error internal";
        }
    }

    private void notifyClosed(long id) {
        try {
            listener.closed(id);
        } catch (RuntimeException e) {
            log.warn("push-to-talk listener failed on a closed connection", e);
        }
    }

    private static void refuse(SocketChannel channel, String reply) {
        try (channel) {
            write(channel, reply);
        } catch (IOException ignored) {
            // It is being refused anyway.
        }
    }

    private static void write(SocketChannel channel, String reply) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((reply + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Nothing more to do with it.
        }
    }
}
