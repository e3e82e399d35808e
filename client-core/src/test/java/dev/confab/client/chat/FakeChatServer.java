package dev.confab.client.chat;

import dev.confab.client.trust.ServerAddress;
import dev.confab.protocol.Account;
import dev.confab.protocol.DecodeResult;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Failure;
import dev.confab.protocol.Fingerprints;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Member;
import dev.confab.protocol.Message;
import dev.confab.protocol.MessageCodec;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import dev.confab.protocol.VoiceTunnel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A tiny stand-in for the chat server, on 127.0.0.1: TLS 1.3 with a self-signed certificate
 * (or plaintext), JSON lines, and scripted answers to hello, register, login, resume, logout
 * and say, plus voice grants and tunnelled voice packets when asked. Tests add their own answers with {@link #override} and read what clients sent from
 * {@link #received()}.
 */
public final class FakeChatServer implements AutoCloseable {

    /** Answers one request, or returns false to leave it to the default answers. */
    @FunctionalInterface
    public interface Script {
        boolean handle(Request request, Client client);
    }

    /** One connected client, as the server sees it. */
    public static final class Client {
        private final Channel channel;

        private Client(Channel channel) {
            this.channel = channel;
        }

        public void send(Message... messages) {
            for (Message message : messages) {
                channel.write(Unpooled.wrappedBuffer(MessageCodec.encodeLine(message)));
            }
            channel.flush();
        }

        public void sendAfter(Duration delay, Message message) {
            channel.eventLoop().schedule(() -> send(message), delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void close() {
            channel.close();
        }
    }

    static final String WRONG_PASSWORD = "wrong-password";
    static final RoomInfo LOBBY = new RoomInfo(1, null, "Lobby", false, Role.GUEST, 24_000, 0);

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final SelfSignedCertificate certificate;
    private final Channel listener;
    private volatile boolean resumeAllowed = true;
    private volatile List<Event> missedEvents = List.of();
    private volatile String lastIssuedToken;
    private volatile Event.VoiceGranted voiceGrant;
    private volatile BiConsumer<Client, VoiceTunnel> voiceTunnelHandler = (client, packet) -> { };

    private FakeChatServer(SelfSignedCertificate certificate, SslContext tls, int port) throws InterruptedException {
        this.certificate = certificate;
        this.listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        clients.add(channel);
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(new LineBasedFrameDecoder(Limits.MAX_LINE_BYTES, true, true));
                        channel.pipeline().addLast(new LineHandler(new Client(channel)));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
    }

    /** A TLS 1.3 server presenting {@code certificate}, on {@code port} (0 for any free port). */
    public static FakeChatServer tls(SelfSignedCertificate certificate, int port) throws Exception {
        SslContext context = SslContextBuilder.forServer(certificate.key(), certificate.cert())
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3")
                .build();
        return new FakeChatServer(certificate, context, port);
    }

    public static FakeChatServer tls(SelfSignedCertificate certificate) throws Exception {
        return tls(certificate, 0);
    }

    /** A server speaking TLS with {@code context} as given, e.g. an outdated protocol version. */
    static FakeChatServer withTlsContext(SslContext context) throws Exception {
        return new FakeChatServer(null, context, 0);
    }

    public static FakeChatServer plaintext() throws Exception {
        return new FakeChatServer(null, null, 0);
    }

    public static SelfSignedCertificate newCertificate() throws Exception {
        return new SelfSignedCertificate("localhost", "EC", 256);
    }

    public ServerAddress address() {
        return new ServerAddress("127.0.0.1", port());
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public String fingerprint() throws CertificateEncodingException {
        return Fingerprints.of(certificate.cert().getEncoded());
    }

    /** Everything clients sent, requests and pongs alike, in arrival order. */
    public BlockingQueue<Message> received() {
        return received;
    }

    /** The next message a client sent of {@code type}, skipping others; fails after 5 s. */
    <M extends Message> M awaitReceived(Class<M> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Message message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " arrived within 5 s");
    }

    /** The resume token the server handed out last, in logged_in or resumed. */
    String lastIssuedToken() {
        return lastIssuedToken;
    }

    public void override(Script script) {
        scripts.add(script);
    }

    /** Whether resume succeeds; when not, the server answers resume_failed as after its grace period. */
    void allowResume(boolean allowed) {
        resumeAllowed = allowed;
    }

    /**
     * The voice session sent after every login's snapshot, and again at the end of every resume,
     * as the real server does; null (the default) sends none.
     */
    public void grantVoiceOnLogin(Event.VoiceGranted grant) {
        voiceGrant = grant;
    }

    /** Handles the voice packets clients tunnel over their connection (they are in {@link #received()} too). */
    public void onVoiceTunnel(BiConsumer<Client, VoiceTunnel> handler) {
        voiceTunnelHandler = handler;
    }

    /** Events sent after the snapshot that follows a successful resume, as if missed while away. */
    void missedWhileAway(List<Event> events) {
        missedEvents = List.copyOf(events);
    }

    public void sendToAll(Message message) {
        clients.writeAndFlush(Unpooled.wrappedBuffer(MessageCodec.encodeLine(message)));
    }

    /** Sends bytes as they are, e.g. lines no real server would send. */
    void sendRaw(ByteBuf bytes) {
        clients.writeAndFlush(bytes);
    }

    public int connectedClients() {
        return clients.size();
    }

    /** Stops listening and closes every client; closing twice is fine. */
    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        listener.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class LineHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Client client;

        LineHandler(Client client) {
            this.client = client;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            DecodeResult result = MessageCodec.decode(ByteBufUtil.getBytes(line));
            if (!(result instanceof DecodeResult.Decoded decoded)) {
                throw new AssertionError("the client sent a line the server cannot read: " + result);
            }
            Message message = decoded.message();
            received.add(message);
            if (message instanceof VoiceTunnel packet) {
                voiceTunnelHandler.accept(client, packet);
                return;
            }
            if (message instanceof Request request && scripts.stream().noneMatch(s -> s.handle(request, client))) {
                answer(request);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Clients dropping abruptly reset the connection: that is what some tests do.
            ctx.close();
        }

        private void answer(Request request) {
            if (request instanceof Request.Hello hello) {
                client.send(new Reply.Welcome(hello.id(), Limits.PROTOCOL_VERSION, "fake", Limits.MAX_LINE_BYTES,
                        Limits.MAX_MESSAGE_CHARS));
            } else if (request instanceof Request.Login login) {
                if (WRONG_PASSWORD.equals(login.password())) {
                    client.send(Failure.of(login.id(), ErrorCode.BAD_CREDENTIALS, "wrong name or password"));
                } else {
                    loggedIn(login.id(), login.name() != null ? login.name() : "token-holder");
                }
            } else if (request instanceof Request.Register register) {
                loggedIn(register.id(), register.name());
            } else if (request instanceof Request.Resume resume) {
                if (resumeAllowed && issuedTokens.contains(resume.token())) {
                    String token = newToken();
                    client.send(new Reply.Resumed(resume.id(), 7, new Account(1, "someone", Role.MEMBER), token),
                            snapshot());
                    client.send(missedEvents.toArray(Message[]::new));
                    sendVoiceGrant();
                } else {
                    client.send(Failure.of(resume.id(), ErrorCode.RESUME_FAILED, "no session to resume"));
                }
            } else if (request instanceof Request.Logout logout) {
                client.send(new Reply.Ok(logout.id()));
                client.close();
            } else if (request instanceof Request.Say say) {
                client.send(new Reply.Posted(say.id(), say.id(), System.currentTimeMillis()));
            } else {
                client.send(Failure.of(request.id(), ErrorCode.UNKNOWN_TYPE, "the fake server does not do that"));
            }
        }

        private void loggedIn(long id, String name) {
            int session = sessions.incrementAndGet();
            client.send(new Reply.LoggedIn(id, session, new Account(1, name, Role.MEMBER), newToken(), 30), snapshot());
            sendVoiceGrant();
        }

        private void sendVoiceGrant() {
            Event.VoiceGranted grant = voiceGrant;
            if (grant != null) {
                client.send(grant);
            }
        }

        private String newToken() {
            String token = "resume-token-" + sessions.get() + "-" + issuedTokens.size();
            issuedTokens.add(token);
            lastIssuedToken = token;
            return token;
        }

        private Event.Snapshot snapshot() {
            return new Event.Snapshot(List.of(LOBBY), List.of(new Member(7, 1, "someone", Role.MEMBER, 1, false, false, false)), 1);
        }
    }
}
