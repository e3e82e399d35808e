package dev.confab.server.voice.link;

import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.control.TunnelPeer;
import dev.confab.voice.control.VoiceControl;
import dev.confab.voice.link.LinkFrame;
import dev.confab.voice.link.LinkFrame.Close;
import dev.confab.voice.link.LinkFrame.Hello;
import dev.confab.voice.link.LinkFrame.Open;
import dev.confab.voice.link.LinkFrame.State;
import dev.confab.voice.link.LinkFrame.StatsReply;
import dev.confab.voice.link.LinkFrame.StatsRequest;
import dev.confab.voice.link.LinkFrame.TunnelIn;
import dev.confab.voice.link.LinkFrame.TunnelOut;
import dev.confab.voice.link.LinkHandler;
import dev.confab.voice.link.LinkKeys;
import dev.confab.voice.link.LinkTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat node's link to one voice node: a {@link VoiceControl} whose calls travel over the
 * link. It connects at once and, until {@link #close}d, reconnects whenever the link drops
 * (after 0.2 s, doubling up to 5 s while attempts fail).
 *
 * <p>It keeps the spec and the latest mute and deafen state of every session open through it,
 * and whether its OPEN has been sent. A key is opened at a voice node at most once: a voice node
 * starts a reopened session afresh (downlink sequence and replay window), which would reuse
 * nonces under the key and accept replayed packets. So each time the link comes up it sends the
 * sessions opened while it was down, and no others: a session already sent on an earlier link
 * (its voice node restarted, or closed a dropped link's sessions, as it must) is forgotten and
 * its id reported to the {@code keysLost} listener, for the chat server to give it a new
 * session with a new key. Calls for a forgotten session do nothing.
 *
 * <p>Calls never block: they are handed to the link's event loop, in the order they were made.
 * {@link #tunnelled} is sent straight from the calling thread, and dropped while the link is
 * down or its buffer full. Packets the voice node sends back for tunnelled sessions go to the
 * {@link TunnelPeer}, on the event loop.
 */
public final class VoiceLink implements VoiceControl, AutoCloseable {
    static final long FIRST_RETRY_MILLIS = 200;
    static final long MAX_RETRY_MILLIS = 5_000;
    static final long STATS_TIMEOUT_MILLIS = 5_000;
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(VoiceLink.class);

    /**
     * Where clients send voice for sessions opened through this link: {@code host} null means the
     * address a client reached the chat server at (as {@code VoiceRelays.Relay} reads it).
     */
    public record Endpoint(String host, int port) {
    }

    private final String host;
    private final int port;
    private final String name;
    private final byte[] secret;
    private final TunnelPeer tunnel;
    private final Consumer<List<Integer>> keysLost;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final AtomicLong droppedTunnel = new AtomicLong();
    private final long statsTimeoutMillis;

    // Confined to the event loop:
    private final Map<Integer, Held> sessions = new LinkedHashMap<>();
    private final Map<Long, PendingStats> pendingStats = new HashMap<>();
    private long lastRequest;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private Channel channel;
    private ScheduledFuture<?> retry;
    private String lastProblem;

    // Read from any thread:
    private volatile boolean closed;
    /** The connection while the link is up, with the promise for its tunnel writes; null while down. */
    private volatile Live live;
    private volatile Endpoint endpoint;
    private volatile CompletableFuture<Void> up = new CompletableFuture<>();

    /**
     * Starts linking to the voice node at {@code host}:{@code port} (its link port), on one event
     * loop of {@code group}, which stays the caller's to shut down (after {@link #close}).
     *
     * @param keysLost told, on the link's event loop, once each time the link comes up, the ids
     *     of the sessions whose keys were open at a voice node that has lost them (none: not
     *     called); the link has forgotten them, and they need new ids and keys
     * @throws IllegalArgumentException when the secret is shorter than {@link LinkKeys#MIN_SECRET_BYTES}
     */
    public VoiceLink(String host, int port, byte[] secret, TunnelPeer tunnel, Consumer<List<Integer>> keysLost,
            EventLoopGroup group) {
        this(host, port, secret, tunnel, keysLost, group, STATS_TIMEOUT_MILLIS);
    }

    /** With a shorter wait for stats, for tests. */
    VoiceLink(String host, int port, byte[] secret, TunnelPeer tunnel, Consumer<List<Integer>> keysLost,
            EventLoopGroup group, long statsTimeoutMillis) {
        this.statsTimeoutMillis = statsTimeoutMillis;
        this.secret = LinkKeys.checkSecret(secret);
        this.host = host;
        this.port = port;
        this.name = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        this.tunnel = tunnel;
        this.keysLost = Objects.requireNonNull(keysLost, "keysLost");
        this.loop = group.next();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(LinkTransport.socketChannel(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        LinkHandler.initPipeline(ch.pipeline(), new ChatEnd(ch));
                    }
                });
        run(this::connect);
    }

    // ---- VoiceControl ----

    @Override
    public void open(SessionSpec session) {
        SessionSpec spec = copy(session, session.muted(), session.deafened());
        run(() -> sessions.put(spec.sessionId(), new Held(spec, send(new Open(spec)))));
    }

    @Override
    public void close(int sessionId) {
        run(() -> {
            if (sessions.remove(sessionId) != null) {
                send(new Close(sessionId));
            }
        });
    }

    @Override
    public void setState(int sessionId, boolean muted, boolean deafened) {
        run(() -> {
            Held held = sessions.get(sessionId);
            if (held != null) {
                sessions.put(sessionId, new Held(copy(held.spec(), muted, deafened), held.sent()));
                send(new State(sessionId, muted, deafened));
            }
        });
    }

    @Override
    public void tunnelled(byte[] packet) {
        Live now = live;
        if (now != null && now.channel().isWritable() && packet.length <= VoicePacket.MAX_PACKET_BYTES) {
            now.channel().writeAndFlush(new TunnelIn(packet.clone()), now.quiet());
        } else {
            droppedTunnel.incrementAndGet();
        }
    }

    /**
     * The voice node's counters. Fails at once while the link is down, and after
     * {@value #STATS_TIMEOUT_MILLIS} ms without an answer.
     */
    @Override
    public CompletableFuture<RelayStats> stats() {
        CompletableFuture<RelayStats> result = new CompletableFuture<>();
        boolean accepted = run(() -> {
            Live now = live;
            if (now == null) {
                result.completeExceptionally(new IOException("the voice link to " + name + " is down"));
                return;
            }
            long id = ++lastRequest;
            ScheduledFuture<?> timeout = loop.schedule(() -> {
                if (pendingStats.remove(id) != null) {
                    result.completeExceptionally(new TimeoutException("the voice node at " + name
                            + " did not answer for its stats within " + statsTimeoutMillis + " ms"));
                }
            }, statsTimeoutMillis, TimeUnit.MILLISECONDS);
            pendingStats.put(id, new PendingStats(result, timeout));
            now.channel().writeAndFlush(new StatsRequest(id), now.channel().voidPromise());
        });
        if (!accepted) {
            result.completeExceptionally(new IOException("the voice link to " + name + " is closed"));
        }
        return result;
    }

    // ---- state for the server and for tests ----

    /**
     * Completes when the link is up: at once if it is now, else at the next time it comes up.
     * Fails when the link is closed first.
     */
    public CompletableFuture<Void> connected() {
        return up;
    }

    public boolean isUp() {
        return live != null;
    }

    /**
     * Where clients send voice, as the voice node said in its last hello; null before the first.
     * A voice node that names no public host is reached at the host this link connects to, or,
     * when that is a loopback address, at the address clients reached the chat server at
     * ({@code host} null): a voice node on the chat node's machine.
     */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * {@link #endpoint()} once known; before the first hello, a guess by the defaults: the link's
     * host (null when it is a loopback name or address) and the link port, since a voice node's
     * UDP port has the link port's number unless configured otherwise.
     */
    public Endpoint endpointOrGuess() {
        Endpoint known = endpoint;
        if (known != null) {
            return known;
        }
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
        return new Endpoint(loopback ? null : host, port);
    }

    /** The voice node's link address, as given: {@code host:port}. */
    public String address() {
        return name;
    }

    /** Tunnel packets not sent because the link was down or its buffer full. */
    public long droppedTunnelPackets() {
        return droppedTunnel.get();
    }

    /**
     * Closes the link for good: the voice node closes every session it opened. Calls after this
     * are ignored. Waits (up to 5 s) for the connection to close, unless called on its event loop.
     */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!run(() -> {
            if (retry != null) {
                retry.cancel(false);
            }
            IOException gone = new IOException("the voice link to " + name + " is closed");
            if (!up.completeExceptionally(gone)) {
                up = CompletableFuture.failedFuture(gone);
            }
            failPending("the voice link to " + name + " is closed");
            Channel ch = channel;
            if (ch == null) {
                done.complete(null);
            } else {
                ch.close().addListener(f -> done.complete(null));
            }
        }, true)) {
            return;
        }
        if (!loop.inEventLoop()) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("voice link to {} did not close in time", name);
            }
        }
    }

    // ---- the event loop's side ----

    private void connect() {
        if (closed) {
            return;
        }
        retry = null;
        ChannelFuture attempt = bootstrap.connect(host, port);
        channel = attempt.channel();
        attempt.addListener(done -> {
            if (!done.isSuccess()) {
                Throwable cause = done.cause();
                String why = cause == null ? "unknown" : cause.getMessage() != null ? cause.getMessage()
                        : cause.getClass().getSimpleName();
                down(attempt.channel(), "cannot connect (" + why + ")");
            }
        });
    }

    /** An attempt failed, or a connection ended: forget it and try again later. */
    private void down(Channel ch, String problem) {
        if (ch != channel) {
            return;
        }
        channel = null;
        live = null;
        if (up.isDone() && !closed) {
            up = new CompletableFuture<>();
        }
        failPending("the voice link to " + name + " went down");
        if (closed) {
            log.info("voice link to {} closed", name);
            return;
        }
        if (problem.equals(lastProblem)) {
            log.debug("voice link to {}: {}; retrying in {} ms", name, problem, retryMillis);
        } else {
            log.warn("voice link to {}: {}; retrying in {} ms", name, problem, retryMillis);
            lastProblem = problem;
        }
        retry = loop.schedule(this::connect, retryMillis, TimeUnit.MILLISECONDS);
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
    }

    private void linkUp(Channel ch, Hello hello) {
        String udpHost = hello.udpHost();
        if (udpHost == null) {
            InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
            udpHost = remote.getAddress() != null && remote.getAddress().isLoopbackAddress() ? null : host;
        }
        endpoint = new Endpoint(udpHost, hello.udpPort());
        // A session sent on an earlier link had its key opened at a voice node that no longer
        // holds it; opening the key again would restart its nonces and replay window.
        List<Integer> lost = new ArrayList<>();
        for (var it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Held> entry = it.next();
            Held held = entry.getValue();
            if (held.sent()) {
                lost.add(entry.getKey());
                it.remove();
            } else {
                ch.write(new Open(held.spec()), ch.voidPromise());
                entry.setValue(new Held(held.spec(), true));
            }
        }
        ch.flush();
        live = new Live(ch, LinkHandler.quietPromise(ch));
        retryMillis = FIRST_RETRY_MILLIS;
        lastProblem = null;
        log.info("voice link to {} up: voice at {}:{}, {} sessions opened, {} to be given new keys", name,
                udpHost == null ? "(the chat address)" : udpHost, hello.udpPort(), sessions.size(), lost.size());
        if (!lost.isEmpty()) {
            try {
                keysLost.accept(List.copyOf(lost));
            } catch (RuntimeException e) {
                log.error("the listener for lost voice keys failed ({} sessions, link to {})", lost.size(), name, e);
            }
        }
        up.complete(null);
    }

    private void received(LinkFrame frame, ChatEnd end, ChannelHandlerContext ctx) {
        if (frame instanceof TunnelOut out) {
            try {
                tunnel.deliver(out.sessionId(), out.packet(), out.packet().length);
            } catch (RuntimeException e) {
                log.error("the tunnel failed a packet from {}", name, e);
            }
        } else if (frame instanceof StatsReply reply) {
            PendingStats pending = pendingStats.get(reply.requestId());
            if (pending != null && pending.add(reply)) {
                pendingStats.remove(reply.requestId());
            }
        } else {
            end.refuse(ctx, "the voice node sent " + frame.getClass().getSimpleName());
        }
    }

    /** Sends {@code frame} if the link is up; true when it was handed to the connection. */
    private boolean send(LinkFrame frame) {
        Live now = live;
        if (now == null) {
            return false;
        }
        now.channel().writeAndFlush(frame, now.channel().voidPromise());
        return true;
    }

    private void failPending(String why) {
        for (PendingStats pending : pendingStats.values()) {
            pending.fail(new IOException(why));
        }
        pendingStats.clear();
    }

    private boolean run(Runnable task) {
        return run(task, false);
    }

    /** Runs {@code task} on the link's event loop; false when it is not taken (closed, or the loop is stopped). */
    private boolean run(Runnable task, boolean evenIfClosed) {
        if (closed && !evenIfClosed) {
            return false;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static SessionSpec copy(SessionSpec s, boolean muted, boolean deafened) {
        return new SessionSpec(s.sessionId(), s.key().clone(), s.chatSession(), s.name(), s.room(), s.bitrate(),
                s.whisperAnywhere(), muted, deafened);
    }

    private record Live(Channel channel, ChannelPromise quiet) {
    }

    /**
     * A session open through this link: its latest spec, and whether its OPEN went out on a
     * connection (then its key is spent at the voice node: never sent again).
     */
    private record Held(SessionSpec spec, boolean sent) {
    }

    /** A stats request in flight: the sessions of the parts so far. */
    private static final class PendingStats {
        final CompletableFuture<RelayStats> result;
        final ScheduledFuture<?> timeout;
        final List<SessionCounters> sessions = new ArrayList<>();

        PendingStats(CompletableFuture<RelayStats> result, ScheduledFuture<?> timeout) {
            this.result = result;
            this.timeout = timeout;
        }

        /** True when this part was the last. */
        boolean add(StatsReply part) {
            if (part.stats() == null) {
                fail(new IOException("the voice node could not count: " + part.error()));
                return true;
            }
            sessions.addAll(part.stats().sessions());
            if (part.last()) {
                timeout.cancel(false);
                result.complete(new RelayStats(part.stats().total(), List.copyOf(sessions)));
            }
            return part.last();
        }

        void fail(Throwable why) {
            timeout.cancel(false);
            result.completeExceptionally(why);
        }
    }

    /** The pipeline's end of one connection attempt. */
    private final class ChatEnd extends LinkHandler {
        private final Channel ch;

        ChatEnd(Channel ch) {
            super(true, secret);
            this.ch = ch;
        }

        @Override
        protected Hello ownHello() {
            return new Hello(null, 0);
        }

        @Override
        protected void onUp(ChannelHandlerContext ctx, Hello peer) {
            if (peer.udpPort() < 1) {
                refuse(ctx, "the voice node named no UDP port");
                return;
            }
            linkUp(ch, peer);
        }

        @Override
        protected void onFrame(ChannelHandlerContext ctx, LinkFrame frame) {
            received(frame, this, ctx);
        }

        void refuse(ChannelHandlerContext ctx, String why) {
            fail(ctx, why);
        }

        @Override
        protected void onDown(ChannelHandlerContext ctx, boolean wasUp, String reason) {
            String problem;
            if (reason != null) {
                problem = (wasUp ? "down: " : "handshake failed: ") + reason;
            } else {
                problem = wasUp ? "down (closed by the voice node)"
                        : "the voice node closed the link during the handshake (a different secret?)";
            }
            down(ch, problem);
        }
    }
}
