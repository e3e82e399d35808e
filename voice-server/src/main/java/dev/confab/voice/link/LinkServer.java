package dev.confab.voice.link;

import dev.confab.voice.control.VoiceControl;
import dev.confab.voice.link.LinkFrame.Hello;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A voice node's link port: accepts chat nodes that hold the shared secret and applies what they
 * say to the relay's {@link VoiceControl}. Several chat nodes may link at once; each link owns
 * the sessions it opened (see {@link LinkSessions}). All links share one event loop, so the
 * relay sees their calls one at a time and in each link's order.
 */
public final class LinkServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup worker;
    private final Channel channel;
    private final ChannelGroup links = new DefaultChannelGroup("links", GlobalEventExecutor.INSTANCE);

    private LinkServer(InetSocketAddress bind, byte[] secret, VoiceControl control, LinkSessions sessions,
            Hello hello) throws InterruptedException {
        byte[] kept = LinkKeys.checkSecret(secret);
        LinkConnection.Refusals refusals = new LinkConnection.Refusals();
        boss = LinkTransport.newGroup(1, "link-accept");
        worker = LinkTransport.newGroup(1, "link");
        try {
            channel = new ServerBootstrap()
                    .group(boss, worker)
                    .channel(LinkTransport.serverChannel(boss))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            links.add(ch);
                            LinkHandler.initPipeline(ch.pipeline(),
                                    new LinkConnection(ch, kept, control, sessions, hello, refusals));
                        }
                    })
                    .bind(bind).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdown();
            throw e;
        }
    }

    /**
     * Listens for links on {@code bind}. The voice hello it sends tells chat nodes where clients
     * send voice: {@code udpHost} (null: the host the chat node linked to) and {@code udpPort}.
     * {@code sessions} is the relay's {@link dev.confab.voice.control.TunnelPeer}.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@link LinkKeys#MIN_SECRET_BYTES}
     */
    public static LinkServer start(InetSocketAddress bind, byte[] secret, VoiceControl control, LinkSessions sessions,
            String udpHost, int udpPort) throws InterruptedException {
        return new LinkServer(bind, secret, control, sessions, new Hello(udpHost, udpPort));
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Links currently connected (up or in their handshake). */
    public int links() {
        return links.size();
    }

    /** Stops listening and closes every link, which closes the sessions they opened. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        links.close().awaitUninterruptibly();
        shutdown();
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        worker.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
