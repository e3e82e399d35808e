package dev.confab.voice;

import dev.confab.voice.control.TunnelPeer;
import dev.confab.voice.control.VoiceControl;
import dev.confab.voice.relay.Datagrams;
import dev.confab.voice.relay.VoiceRelay;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP voice relay: sockets, threads, and the {@link VoiceRelay} behind them.
 *
 * <p>With epoll, {@code threads} sockets share the port (SO_REUSEPORT), one per event loop: the
 * kernel spreads senders over them by address, receives come in batches (recvmmsg) and the
 * sends a batch causes leave in batches (sendmmsg). A packet is answered through the socket it
 * came in on, on that socket's thread, with no hand-off. Without epoll (not Linux), one NIO
 * socket on one thread does everything.
 */
public final class VoiceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceServer.class);
    /** Datagrams read per recvmmsg call. */
    private static final int READ_BATCH = 32;
    private static final int SOCKET_BUFFER_BYTES = 1 << 20;

    private final EventLoopGroup group;
    private final List<Channel> channels;
    private final VoiceRelay relay;
    private final int port;

    private VoiceServer(EventLoopGroup group, List<Channel> channels, VoiceRelay relay) {
        this.group = group;
        this.channels = channels;
        this.relay = relay;
        this.port = ((InetSocketAddress) channels.get(0).localAddress()).getPort();
    }

    /**
     * Binds the relay's sockets and starts relaying. Packets for sessions whose voice comes over
     * the chat connection go to {@code tunnel}.
     */
    public static VoiceServer start(VoiceServerConfig config, TunnelPeer tunnel) throws Exception {
        return start(config, tunnel, System::nanoTime);
    }

    /** With the clock the rate budgets refill by: tests make it run fast, or stand still. */
    static VoiceServer start(VoiceServerConfig config, TunnelPeer tunnel, LongSupplier nanoTime) throws Exception {
        Objects.requireNonNull(tunnel, "tunnel");
        boolean epoll = Epoll.isAvailable();
        int sockets = epoll ? config.threads() : 1;
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(sockets) : new NioEventLoopGroup(sockets);
        List<Channel> channels = new ArrayList<>(sockets);
        FirstSocket anySocket = new FirstSocket();
        VoiceRelay relay = new VoiceRelay(tunnel, anySocket, nanoTime);
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast("relay", new DatagramHandler(relay));
                        }
                    });
            if (epoll) {
                bootstrap.channel(EpollDatagramChannel.class)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, DatagramHandler.DATAGRAM_BYTES)
                        .option(ChannelOption.RCVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(DatagramHandler.DATAGRAM_BYTES * READ_BATCH));
            } else {
                bootstrap.channel(NioDatagramChannel.class)
                        .option(ChannelOption.RCVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(DatagramHandler.DATAGRAM_BYTES));
            }
            InetSocketAddress first = address(config.bind(), config.port());
            channels.add(bootstrap.bind(first).sync().channel());
            anySocket.channel = channels.get(0);
            // The rest join the port the first one got (the same number when it was given).
            int port = ((InetSocketAddress) channels.get(0).localAddress()).getPort();
            for (int i = 1; i < sockets; i++) {
                channels.add(bootstrap.bind(address(config.bind(), port)).sync().channel());
            }
            VoiceServer server = new VoiceServer(group, List.copyOf(channels), relay);
            log.info("voice relay on UDP {}:{} ({}, {} socket{})", config.bind() == null ? "*" : config.bind(),
                    server.port, epoll ? "epoll" : "NIO", sockets, sockets == 1 ? "" : "s");
            return server;
        } catch (Exception | Error e) {
            for (Channel channel : channels) {
                channel.close().awaitUninterruptibly();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
    }

    /**
     * The UDP output for packets that came through the tunnel: they arrive on a chat thread, so
     * their answers leave through the first socket, each flushed at once (no read batch ends).
     */
    private static final class FirstSocket implements Datagrams {
        volatile Channel channel;

        @Override
        public boolean send(byte[] packet, int length, InetSocketAddress to) {
            Channel ch = channel;
            if (ch == null || !ch.isWritable()) {
                return false;
            }
            ch.writeAndFlush(DatagramHandler.datagram(ch.alloc(), packet, length, to), ch.voidPromise());
            return true;
        }
    }

    private static InetSocketAddress address(String bind, int port) {
        return bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port);
    }

    /** What the chat server calls: open, close and mute sessions, tunnelled packets, counters. */
    public VoiceControl control() {
        return relay;
    }

    /** The UDP port all of the relay's sockets are bound to. */
    public int port() {
        return port;
    }

    /** Closes the sockets and stops the threads; packets in flight are dropped. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("voice relay on UDP {} stopped", port);
    }
}
