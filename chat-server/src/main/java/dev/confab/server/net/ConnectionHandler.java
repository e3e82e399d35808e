package dev.confab.server.net;

import dev.confab.protocol.DecodeResult;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Failure;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.VoiceTunnel;
import dev.confab.server.Hub;
import dev.confab.server.Router;
import dev.confab.server.moderation.BanList;
import dev.confab.server.presence.Presence;
import dev.confab.server.presence.Session;
import dev.confab.server.voice.VoiceSessions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection edge: everything that can be decided without shared state happens here on
 * the connection's event loop (hello, ping, rate limits, bad input, idleness); every other request
 * is handed to the hub. Bad input is answered and counted, and repeated abuse closes only this
 * connection.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<DecodeResult> {
    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    /** Tunnelled voice: 50 packets a second per speaker; beyond this it is dropped, not refused. */
    private static final double TUNNEL_PACKETS_PER_SECOND = 250;

    private final ChatListener.Settings settings;
    private final Router router;
    private final Hub hub;
    private final Presence presence;
    private final BanList bans;
    private final VoiceSessions voice;
    private final Clock clock;
    private final ServerCounters counters;
    private final String serverName;

    private Connection connection;
    private RateLimiter requests;
    private RateLimiter scriptRequests;
    /** Refused requests and bad lines spend from here; when it runs dry, the client is flooding. */
    private RateLimiter strikes;
    private RateLimiter tunnel;
    private boolean helloDone;
    private boolean pingSent;
    private long lastPingId;

    ConnectionHandler(ChatListener.Settings settings, ConnectionServices services) {
        this.settings = settings;
        this.router = services.router();
        this.hub = services.hub();
        this.presence = services.presence();
        this.bans = services.bans();
        this.voice = services.voice();
        this.clock = services.clock();
        this.counters = services.counters();
        this.serverName = services.serverName();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counters.connectionsOpened.increment();
        connection = new Connection(ctx.channel());
        long now = System.nanoTime();
        requests = new RateLimiter(settings.requestsPerSecond(), settings.requestBurst(), now);
        strikes = new RateLimiter(settings.requestsPerSecond() / 10, settings.requestBurst() / 2.0, now);
        tunnel = new RateLimiter(TUNNEL_PACKETS_PER_SECOND, TUNNEL_PACKETS_PER_SECOND / 2, now);
        var ban = bans.forAddress(connection.ip(), clock.millis());
        if (ban.isPresent()) {
            counters.bannedAtConnect.increment();
            connection.close(ErrorCode.BANNED, "this address is " + BanList.describe(ban.get()));
            return;
        }
        ctx.executor().schedule(() -> {
            if (connection.session() == null && connection.isOpen() && !helloDone) {
                connection.close(ErrorCode.IDLE_TIMEOUT, "no hello within " + settings.helloTimeoutSeconds() + " s");
            }
        }, settings.helloTimeoutSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DecodeResult result) {
        if (connection.isClosing()) {
            return; // a banned, flooding or idle client: its goodbye is on the way
        }
        pingSent = false;
        if (result instanceof DecodeResult.Rejected rejected) {
            counters.badLines.increment();
            refuse(rejected.failure());
            return;
        }
        Message message = ((DecodeResult.Decoded) result).message();
        if (message instanceof Reply.Pong) {
            return; // the answer to our idle ping; reading it was the point
        }
        if (message instanceof VoiceTunnel packet) {
            // Voice is not a request: no reply, its own budget, and a bad one is dropped and counted
            // like a bad UDP packet rather than answered.
            if (tunnel.tryAcquire(System.nanoTime()) && voice.fromClient(connection, packet)) {
                counters.tunnelledIn.increment();
            } else {
                counters.tunnelDropped.increment();
            }
            return;
        }
        if (!(message instanceof Request request)) {
            counters.badLines.increment();
            Long id = message instanceof Reply reply ? reply.id() : null;
            refuse(new Failure(id, ErrorCode.UNKNOWN_TYPE, "clients send requests, not replies or events"));
            return;
        }
        if (!limiter().tryAcquire(System.nanoTime())) {
            counters.rateLimited.increment();
            refuse(new Failure(request.id(), ErrorCode.RATE_LIMITED, "slow down: at most "
                    + (int) (connection.isScript() ? settings.scriptRequestsPerSecond() : settings.requestsPerSecond())
                    + " requests a second"));
            return;
        }
        if (request instanceof Request.Hello hello) {
            hello(hello);
        } else if (!helloDone) {
            refuse(new Failure(request.id(), ErrorCode.HELLO_REQUIRED, "send hello first"));
        } else if (request instanceof Request.Ping ping) {
            connection.send(new Reply.Pong(ping.id()));
        } else {
            hub.execute(() -> router.dispatch(connection, request));
        }
    }

    private RateLimiter limiter() {
        if (!connection.isScript()) {
            return requests;
        }
        if (scriptRequests == null) {
            scriptRequests = new RateLimiter(settings.scriptRequestsPerSecond(), settings.scriptRequestBurst(),
                    System.nanoTime());
        }
        return scriptRequests;
    }

    private void hello(Request.Hello hello) {
        if (hello.version() != Limits.PROTOCOL_VERSION) {
            connection.send(new Failure(hello.id(), ErrorCode.UNSUPPORTED_VERSION, "this server speaks protocol version "
                    + Limits.PROTOCOL_VERSION + ", not " + hello.version()));
            return;
        }
        helloDone = true;
        connection.send(new Reply.Welcome(hello.id(), Limits.PROTOCOL_VERSION, serverName,
                settings.maxLineBytes(), settings.maxMessageChars()));
    }

    /** Answers a refused line, and closes the connection once refusals become a flood. */
    private void refuse(Failure failure) {
        if (strikes.tryAcquire(System.nanoTime())) {
            connection.send(failure);
            return;
        }
        counters.floodDisconnects.increment();
        connection.close(ErrorCode.FLOOD, "too many refused requests; disconnected");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (!pingSent) {
            pingSent = true;
            connection.send(new Request.Ping(--lastPingId));
            return;
        }
        counters.idleDisconnects.increment();
        connection.close(ErrorCode.IDLE_TIMEOUT, "no answer to ping; disconnected");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            counters.overlongLines.increment();
            refuse(new Failure(null, ErrorCode.LINE_TOO_LONG, "a line is at most " + settings.maxLineBytes() + " bytes"));
            return;
        }
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException
                || cause instanceof IOException) {
            log.debug("connection from {} failed: {}", connection == null ? "?" : connection.ip(), cause.toString());
        } else {
            log.warn("closing connection from {} after an unexpected error", connection == null ? "?" : connection.ip(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Connection closed = connection;
        hub.execute(() -> {
            Session session = closed.session();
            if (session != null) {
                presence.connectionLost(session);
                counters.sessionsDetached.increment();
            }
        });
        ctx.fireChannelInactive();
    }
}
