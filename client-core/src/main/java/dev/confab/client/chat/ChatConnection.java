package dev.confab.client.chat;

import dev.confab.client.trust.FingerprintMismatchException;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.ServerCheck;
import dev.confab.protocol.Event;
import dev.confab.protocol.Failure;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.VoiceTunnel;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a chat server: TLS (pinned by fingerprint), hello, then requests with
 * replies and events pushed by the server. It does not reconnect; {@link ChatSession} does.
 *
 * <p>Threading: the connection lives on one Netty event loop. Replies complete their futures
 * and listeners are called on that thread, in the order the server sent them, so listeners and
 * non-async future callbacks must return quickly and never block. Every public method may be
 * called from any thread.
 */
public final class ChatConnection {

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);

    private final ConnectOptions options;
    private final ServerCheck check;
    private final EventLoopGroup ownedGroup;
    private final PendingRequests pending;
    private final Listeners<Event> eventListeners = new Listeners<>();
    private final Listeners<Failure> failureListeners = new Listeners<>();
    private final Listeners<VoiceTunnel> voiceTunnelListeners = new Listeners<>();
    private final CompletableFuture<ChatConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Channel channel;
    private volatile String fingerprint;
    private volatile Reply.Welcome welcome;

    private ChatConnection(ConnectOptions options, ServerCheck check, EventLoopGroup ownedGroup) {
        this.options = options;
        this.check = check;
        this.ownedGroup = ownedGroup;
        this.pending = new PendingRequests(options.server().toString());
    }

    /**
     * Connects, completes the TLS handshake and the hello/welcome exchange. Fails with
     * {@link FingerprintMismatchException} when the server is not the one trusted, with
     * {@link RequestFailedException} when it refuses hello, and with I/O exceptions otherwise.
     *
     * <p>Reads known_servers and resolves the host name on the calling thread, so call it off
     * the Netty event loops. The future completes on a background thread.
     */
    public static CompletableFuture<ChatConnection> open(ConnectOptions options) {
        ServerCheck check;
        SslContext tls;
        InetSocketAddress address;
        try {
            check = options.trust().checkFor(options.server());
            tls = check.usesTls() ? check.newSslContext() : null;
            address = resolve(options.server());
        } catch (SSLException | UnknownHostException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        EventLoopGroup ownedGroup = options.eventLoopGroup() == null ? new NioEventLoopGroup(1) : null;
        ChatConnection connection = new ChatConnection(options, check, ownedGroup);
        connection.connect(ownedGroup != null ? ownedGroup : options.eventLoopGroup(), tls, address);
        return connection.opened;
    }

    /** Resolved here, on the caller's thread, because Netty's default resolver would block the event loop. */
    private static InetSocketAddress resolve(ServerAddress server) throws UnknownHostException {
        InetSocketAddress address = new InetSocketAddress(server.host(), server.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException("cannot resolve the server's host name " + server.host());
        }
        return address;
    }

    /**
     * Registers first and connects from the event loop with a listener already in place: a
     * refused connection closes the channel at once, and its cause must reach open's future
     * before the close does.
     */
    private void connect(EventLoopGroup group, SslContext tls, InetSocketAddress address) {
        int connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        ChannelFuture registration = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChatPipeline(this, tls, connectTimeoutMillis))
                .register();
        registration.addListener(registered -> {
            if (!registered.isSuccess()) {
                openFailed(registered.cause());
                return;
            }
            Channel ch = registration.channel();
            ChannelPromise connecting = ch.newPromise();
            connecting.addListener(connected -> {
                if (!connected.isSuccess()) {
                    openFailed(connected.cause());
                }
            });
            ch.connect(address, connecting);
        });
    }

    /** Called by the pipeline as the channel registers, before anything can happen on it. */
    void attach(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(done -> channelClosed());
    }

    /** The channel is connected and, with TLS, the handshake succeeded: say hello. */
    void ready(String serverFingerprint) {
        this.fingerprint = serverFingerprint;
        request(id -> new Request.Hello(id, Limits.PROTOCOL_VERSION, options.clientName()), Reply.Welcome.class)
                // Remembering a new fingerprint writes a file: keep it off the event loop.
                .thenAcceptAsync(answer -> {
                    welcome = answer;
                    check.connected(serverFingerprint);
                })
                .whenComplete((done, error) -> {
                    if (error == null) {
                        opened.complete(this);
                    } else {
                        openFailed(Futures.unwrap(error));
                    }
                });
    }

    /**
     * Fails open (if it has not completed yet) and closes the channel. A fingerprint mismatch
     * wins over whatever error the TLS handshake reported, since it says what to do.
     */
    void openFailed(Throwable cause) {
        FingerprintMismatchException mismatch = check.mismatch();
        if (opened.completeExceptionally(mismatch != null ? mismatch : cause)) {
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    private void channelClosed() {
        ConnectionClosedException error = new ConnectionClosedException("connection to " + server() + " closed");
        pending.closeAll(error);
        openFailed(error);
        if (ownedGroup != null) {
            ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        closed.complete(null);
    }

    /** True once open has succeeded. */
    boolean established() {
        return opened.isDone() && !opened.isCompletedExceptionally();
    }

    void replied(Reply reply) {
        if (!pending.complete(reply)) {
            log.debug("{} sent a reply to #{}, which no longer waits (timed out?)", server(), reply.id());
        }
    }

    void failed(Failure failure) {
        Long id = failure.id();
        if (id != null && pending.fail(id, new RequestFailedException(failure))) {
            return;
        }
        failureListeners.deliver(failure);
    }

    void eventArrived(Event event) {
        eventListeners.deliver(event);
    }

    void voiceTunnelled(VoiceTunnel packet) {
        voiceTunnelListeners.deliver(packet);
    }

    /**
     * Sends a voice packet through the chat connection (the fallback when UDP does not get
     * through): fire and forget, no id, no reply. It is written at once, never behind a request
     * waiting for its answer, and dropped (false) when the connection is not open, not yet past
     * hello, closing, or so backed up that its outgoing buffer is over Netty's high-water mark:
     * late voice is worthless, and must not delay chat further. True means handed to the
     * connection, not delivered.
     */
    public boolean sendVoiceTunnel(VoiceTunnel packet) {
        Channel ch = channel;
        if (ch == null || !established() || closing.get() || !ch.isActive()) {
            return false;
        }
        if (ch.eventLoop().inEventLoop()) {
            return writeVoice(ch, packet);
        }
        try {
            ch.eventLoop().execute(() -> writeVoice(ch, packet));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static boolean writeVoice(Channel ch, VoiceTunnel packet) {
        if (!ch.isWritable()) {
            return false;
        }
        // The returned future is ignored on purpose: a failed write closes the channel anyway,
        // and a lost voice packet is nobody's business but the loss counters of the far end.
        ch.writeAndFlush(packet);
        return true;
    }

    /**
     * Sends the request {@code build} makes from the id this connection assigns, e.g.
     * {@code request(id -> new Request.Say(id, room, "hi", false))}. The future completes with
     * the reply, or fails with {@link RequestFailedException} (the server's error),
     * {@link java.util.concurrent.TimeoutException} (no answer within the request timeout) or
     * {@link ConnectionClosedException}.
     *
     * @throws IllegalArgumentException if the request does not carry the id it was given
     */
    public CompletableFuture<Reply> request(LongFunction<Request> build) {
        long id = pending.nextId();
        Request request = build.apply(id);
        if (request.id() != id) {
            throw new IllegalArgumentException("a request must carry the id it was given (" + id + "), not " + request.id());
        }
        Channel ch = channel;
        CompletableFuture<Reply> reply = pending.track(request, ch.eventLoop(), options.requestTimeout());
        if (!reply.isDone()) {
            send(ch, request);
        }
        return reply;
    }

    /**
     * Writes from the event loop itself, so that a loop shut down meanwhile (an owned group
     * ends with its channel) refuses the task here rather than the write's listener later.
     */
    private void send(Channel ch, Request request) {
        Runnable write = () -> ch.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                pending.fail(request.id(), new ConnectionClosedException("could not send to " + server(), written.cause()));
            }
        });
        if (ch.eventLoop().inEventLoop()) {
            write.run();
            return;
        }
        try {
            ch.eventLoop().execute(write);
        } catch (RejectedExecutionException e) {
            pending.fail(request.id(), new ConnectionClosedException("connection to " + server() + " is closed", e));
        }
    }

    /** Like {@link #request(LongFunction)}, failing with {@link UnexpectedReplyException} on another kind of reply. */
    public <R extends Reply> CompletableFuture<R> request(LongFunction<Request> build, Class<R> expected) {
        return Futures.expecting(request(build), expected);
    }

    /**
     * Calls {@code listener} with every event, on the event loop, in the order the server sent
     * them. It must not block. {@link Event.Bye} arrives here too, just before the server closes.
     */
    public void addEventListener(Consumer<Event> listener) {
        eventListeners.add(listener);
    }

    /**
     * Calls {@code listener}, on the event loop, with errors that answer no waiting request:
     * those without an id (e.g. the server's reason for closing) or for a request that already
     * timed out. Errors answering a request fail that request's future instead.
     */
    public void addFailureListener(Consumer<Failure> listener) {
        failureListeners.add(listener);
    }

    /**
     * Calls {@code listener}, on the event loop, with every voice packet the server tunnels to
     * this client over the chat connection. Voice packets are not events: they never reach the
     * event listeners. It must not block.
     */
    public void addVoiceTunnelListener(Consumer<VoiceTunnel> listener) {
        voiceTunnelListeners.add(listener);
    }

    /** Completes when the connection is closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** Logs out (waiting at most the request timeout for the answer), then closes. */
    public CompletableFuture<Void> close() {
        if (closing.compareAndSet(false, true)) {
            request(Request.Logout::new).whenComplete((answer, error) -> channel.close());
        }
        return closed;
    }

    /** Closes without logging out, so the server keeps the session for resuming. */
    CompletableFuture<Void> disconnect() {
        closing.set(true);
        channel.close();
        return closed;
    }

    /**
     * For tests: resets the TCP connection without logging out, as a network failure would,
     * so the server keeps the session for resuming.
     */
    public CompletableFuture<Void> dropAbruptly() {
        closing.set(true);
        Channel ch = channel;
        ch.eventLoop().execute(() -> {
            // Linger 0 makes close() send a TCP reset instead of an orderly FIN.
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
        });
        return closed;
    }

    public ServerAddress server() {
        return options.server();
    }

    /** The fingerprint of the certificate the server presented, or null in plaintext. */
    public String remoteCertificateFingerprint() {
        return fingerprint;
    }

    /** The server's answer to hello, with its name and limits. */
    public Reply.Welcome welcome() {
        return welcome;
    }
}
