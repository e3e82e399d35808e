package dev.confab.client.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client end of the {@link PttControlServer}, for {@code confab-cli ptt} and tests:
 * {@link #send} for {@code release}, {@code toggle} and {@code status}; {@link #press} for a hold,
 * which lasts as long as its connection.
 */
public final class PttControlClient {

    /** How long to wait for a reply: longer than the server's own wait for the TUI. */
    public static final Duration REPLY_TIMEOUT = PttControlServer.ANSWER_TIMEOUT.plusSeconds(1);

    private final Path path;

    public PttControlClient(Path path) {
        this.path = path;
    }

    /** A client of the socket at {@link PttSocketPath#resolve()}. */
    public PttControlClient() {
        this(PttSocketPath.resolve());
    }

    public Path path() {
        return path;
    }

    /**
     * Sends one request on a new connection and closes it. Sending {@code press} this way holds
     * the key only until the connection closes, that is not at all: use {@link #press()}.
     *
     * @return whether the TUI transmits after the request
     * @throws PttControlException if no TUI listens, or it answers with an error (the message says which)
     */
    public boolean send(PttRequest request) throws PttControlException {
        try (SocketChannel channel = connect()) {
            return exchange(channel, request);
        } catch (PttControlException e) {
            throw e;
        } catch (IOException e) {
            throw new PttControlException("push-to-talk control at " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Presses the talk key; it stays down until {@link Hold#close()}, a {@code release} from anyone, or this process's end. */
    public Hold press() throws PttControlException {
        SocketChannel channel = connect();
        try {
            exchange(channel, PttRequest.PRESS);
            return new Hold(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw e instanceof PttControlException p ? p
                    : new PttControlException("push-to-talk control at " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** A pressed talk key: the connection that holds it. */
    public static final class Hold implements AutoCloseable {

        private final SocketChannel channel;

        private Hold(SocketChannel channel) {
            this.channel = channel;
        }

        /** Blocks until the hold ends elsewhere: a {@code release} from another client, or the TUI closing. */
        public void awaitEnd() throws IOException {
            ByteBuffer sink = ByteBuffer.allocate(PttControlServer.MAX_LINE);
            while (channel.read(sink) >= 0) {
                sink.clear();
            }
        }

        /** Releases the key (by closing the connection, which the server treats as a release). */
        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    private SocketChannel connect() throws PttControlException {
        if (!Files.exists(path)) {
            throw new PttControlException("no confab TUI is running for this user (no control socket at " + path + ")");
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(path));
            return channel;
        } catch (ConnectException | NoSuchFileException e) {
            closeQuietly(channel);
            throw new PttControlException("no confab TUI is listening at " + path + " (the socket is left from one that stopped)", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PttControlException("cannot connect to " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes the request and reads its reply line, giving up after {@link #REPLY_TIMEOUT}. */
    private boolean exchange(SocketChannel channel, PttRequest request) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((request.word() + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> readLine(channel));
        String line;
        try {
            line = reply.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeQuietly(channel); // unblocks the reader
            throw new PttControlException("the confab TUI at " + path + " did not answer within " + REPLY_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PttControlException("interrupted while waiting for the confab TUI", e);
        } catch (ExecutionException e) {
            throw new PttControlException("push-to-talk control at " + path + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        return switch (line) {
            case "ok talking" -> true;
            case "ok idle" -> false;
            default -> throw new PttControlException(line.startsWith("error ")
                    ? "the confab TUI refused: " + line.substring("error ".length())
                    : "unexpected reply from the confab TUI: " + line);
        };
    }

    private static String readLine(SocketChannel channel) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            while (line.size() <= PttControlServer.MAX_LINE) {
                one.clear();
                if (channel.read(one) < 0) {
                    throw new IOException("the connection closed before a reply");
                }
                if (one.get(0) == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(one.get(0));
            }
            throw new IOException("the reply is too long");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more to do with it.
        }
    }
}
