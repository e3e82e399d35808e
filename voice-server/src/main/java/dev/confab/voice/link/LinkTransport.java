package dev.confab.voice.link;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where Netty has it, NIO elsewhere, for both ends of the link. */
public final class LinkTransport {

    private LinkTransport() {
    }

    public static EventLoopGroup newGroup(int threads, String threadName) {
        DefaultThreadFactory factory = new DefaultThreadFactory(threadName);
        return Epoll.isAvailable() ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** The socket class that fits a group's event loops (a group someone else made, too). */
    public static Class<? extends Channel> socketChannel(EventLoopGroup group) {
        return epoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
        return epoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private static boolean epoll(EventLoopGroup group) {
        return !(group instanceof NioEventLoopGroup) && !(group.next() instanceof NioEventLoop) && Epoll.isAvailable();
    }
}
