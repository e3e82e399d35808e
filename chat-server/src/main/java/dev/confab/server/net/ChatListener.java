package dev.confab.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import dev.confab.protocol.Limits;
import io.netty.handler.ssl.OpenSsl;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;

/**
 * The chat port. Pipeline per connection: TLS, line framing with a hard length limit, the JSON
 * codec, idle detection, then {@link ConnectionHandler}.
 */
public final class ChatListener implements AutoCloseable {

    /**
     * Per-connection limits. Connections logged in with an API token (scripts, CI jobs) get their
     * own, higher request rate: they post in bulk by design, and are accountable by their token.
     */
    public record Settings(int maxLineBytes, int maxMessageChars, double requestsPerSecond, int requestBurst,
                           double scriptRequestsPerSecond, int scriptRequestBurst, int idleSeconds,
                           int helloTimeoutSeconds) {

        public static Settings defaults() {
            return new Settings(Limits.MAX_LINE_BYTES, Limits.MAX_MESSAGE_CHARS, 100, 500, 20_000, 20_000, 60, 30);
        }

        public Settings withRequestRate(double perSecond, int burst) {
            return new Settings(maxLineBytes, maxMessageChars, perSecond, burst, scriptRequestsPerSecond,
                    scriptRequestBurst, idleSeconds, helloTimeoutSeconds);
        }

        public Settings withIdleSeconds(int seconds) {
            return new Settings(maxLineBytes, maxMessageChars, requestsPerSecond, requestBurst, scriptRequestsPerSecond,
                    scriptRequestBurst, seconds, helloTimeoutSeconds);
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    public ChatListener(InetSocketAddress bind, SslContext tls, Settings settings, ConnectionServices services)
            throws InterruptedException {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        boolean epoll = Epoll.isAvailable();
        this.boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        this.workers = epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        if (tls != null) {
                            pipeline.addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        // Above TLS: a burst of events to one client becomes one TLS record and one
                        // write, instead of one each.
                        pipeline.addLast("flushes", new FlushConsolidationHandler(256, true));
                        pipeline.addLast("idle", new IdleStateHandler(settings.idleSeconds(), 0, 0));
                        pipeline.addLast("lines", new LineBasedFrameDecoder(settings.maxLineBytes(), true, true));
                        pipeline.addLast("decode", LineDecoder.INSTANCE);
                        pipeline.addLast("encode", MessageEncoder.INSTANCE);
                        pipeline.addLast("connection", new ConnectionHandler(settings, services));
                    }
                });
        try {
            this.channel = bootstrap.bind(bind).sync().channel();
        } catch (Exception e) {
            // A port that is taken must not leave these threads behind.
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        LoggerFactory.getLogger(ChatListener.class).info("transport {}, TLS {}", epoll ? "epoll" : "NIO",
                tls == null ? "off" : OpenSsl.isAvailable() ? OpenSsl.versionString() : "JDK");
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        // No quiet period: by now every client has been told and its connection closed.
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
