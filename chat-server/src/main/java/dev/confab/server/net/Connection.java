package dev.confab.server.net;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.server.presence.Session;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's chat connection as the rest of the server sees it: a place to send messages, the
 * address it came from, and the session it is logged in as (null before login). Sends are safe
 * from any thread; Netty queues them onto the channel's own event loop.
 */
public final class Connection {
    /** A client this far behind on reading is cut off rather than buffered without bound. */
    static final long MAX_UNREAD_BYTES = 8L * 1024 * 1024;

    private final Channel channel;
    private final String ip;
    private volatile Session session;
    private volatile boolean closing;
    private volatile boolean script;

    Connection(Channel channel) {
        this.channel = channel;
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        this.ip = remote.getAddress().getHostAddress();
    }

    public String ip() {
        return ip;
    }

    /** The host name or address this client reached us at, for telling it where voice is. */
    public String localHost() {
        return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
    }

    public Session session() {
        return session;
    }

    /** Hub thread only. */
    public void attach(Session session) {
        this.session = session;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Logged in with an API token: held to the script request rate. */
    public boolean isScript() {
        return script;
    }

    public void setScript(boolean script) {
        this.script = script;
    }

    /** True once a close has begun: nothing more from this client is acted on. */
    public boolean isClosing() {
        return closing;
    }

    public void send(Message message) {
        channel.writeAndFlush(message, channel.voidPromise());
    }

    /** Sends an already encoded line. */
    public void sendLine(byte[] line) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            writeLine(line);
        } else {
            loop.execute(() -> writeLine(line));
        }
    }

    /**
     * Sends one encoded line to many connections with one task per event loop rather than one per
     * connection: a broadcast to thousands then costs the sending thread a handful of hand-offs.
     */
    public static void sendLineToAll(List<Connection> receivers, byte[] line) {
        Map<EventLoop, List<Connection>> byLoop = new IdentityHashMap<>();
        for (Connection receiver : receivers) {
            byLoop.computeIfAbsent(receiver.channel.eventLoop(), loop -> new ArrayList<>()).add(receiver);
        }
        byLoop.forEach((loop, group) -> loop.execute(() -> group.forEach(receiver -> receiver.writeLine(line))));
    }

    /**
     * On the event loop. A client that stopped reading is disconnected once its backlog passes
     * {@link #MAX_UNREAD_BYTES}, so it cannot grow the server's memory.
     */
    private void writeLine(byte[] line) {
        if (!channel.isWritable() && channel.bytesBeforeWritable() > MAX_UNREAD_BYTES) {
            close(ErrorCode.FLOOD, "you are not reading fast enough; disconnected");
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(line), channel.voidPromise());
    }

    /** Says why, then closes once that is written. */
    public void close(ErrorCode code, String reason) {
        closing = true;
        channel.writeAndFlush(new Event.Bye(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes without a word, for a connection whose session moved to a newer one. */
    public void closeSilently() {
        closing = true;
        channel.close();
    }
}
