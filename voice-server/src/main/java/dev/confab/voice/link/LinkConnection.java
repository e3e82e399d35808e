package dev.confab.voice.link;

import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.control.VoiceControl;
import dev.confab.voice.link.LinkFrame.Close;
import dev.confab.voice.link.LinkFrame.Hello;
import dev.confab.voice.link.LinkFrame.Open;
import dev.confab.voice.link.LinkFrame.State;
import dev.confab.voice.link.LinkFrame.StatsReply;
import dev.confab.voice.link.LinkFrame.StatsRequest;
import dev.confab.voice.link.LinkFrame.TunnelIn;
import dev.confab.voice.link.LinkFrame.TunnelOut;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A voice node's end of one link from a chat node: applies its frames to the relay's
 * {@link VoiceControl}, in order, and carries the relay's tunnelled packets back. The sessions
 * it opened are closed when it drops, so a chat node that dies leaves no key working.
 */
final class LinkConnection extends LinkHandler implements LinkSessions.Owner {
    private static final Logger log = LoggerFactory.getLogger(LinkServer.class);

    private final Channel channel;
    private final ChannelPromise quiet;
    private final VoiceControl control;
    private final LinkSessions sessions;
    private final Hello hello;
    private final Refusals refusals;
    /** Tunnel packets not sent because the link's buffer was full, and those refused for a stranger's session. */
    private final AtomicLong dropped = new AtomicLong();

    LinkConnection(Channel channel, byte[] secret, VoiceControl control, LinkSessions sessions, Hello hello,
            Refusals refusals) {
        super(false, secret);
        this.channel = channel;
        this.quiet = quietPromise(channel);
        this.control = control;
        this.sessions = sessions;
        this.hello = hello;
        this.refusals = refusals;
    }

    @Override
    protected Hello ownHello() {
        return hello;
    }

    @Override
    protected void onUp(ChannelHandlerContext ctx, Hello peer) {
        refusals.forget(channel.remoteAddress());
        log.info("link from {} up", channel.remoteAddress());
    }

    @Override
    protected void onFrame(ChannelHandlerContext ctx, LinkFrame frame) {
        try {
            apply(frame);
        } catch (RuntimeException e) {
            // The relay refused one call; the link and its other sessions carry on.
            log.error("link from {}: the relay failed a {} call", channel.remoteAddress(),
                    frame.getClass().getSimpleName(), e);
        }
    }

    private void apply(LinkFrame frame) {
        if (frame instanceof TunnelIn in) {
            byte[] packet = in.packet();
            if (packet.length >= 4 && sessions.owns(VoicePacket.session(packet, 0), this)) {
                control.tunnelled(packet);
            } else {
                dropped.incrementAndGet();
            }
        } else if (frame instanceof Open open) {
            SessionSpec spec = open.session();
            sessions.claim(spec.sessionId(), this);
            control.open(spec);
        } else if (frame instanceof Close close) {
            if (sessions.release(close.sessionId(), this)) {
                control.close(close.sessionId());
            }
        } else if (frame instanceof State state) {
            if (sessions.owns(state.sessionId(), this)) {
                control.setState(state.sessionId(), state.muted(), state.deafened());
            }
        } else if (frame instanceof StatsRequest request) {
            control.stats().whenComplete((stats, failure) -> answer(request.requestId(), stats, failure));
        } else {
            throw new IllegalArgumentException("a chat node sent " + frame.getClass().getSimpleName());
        }
    }

    private void answer(long requestId, RelayStats stats, Throwable failure) {
        if (stats == null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String why = cause == null ? "no stats" : cause.toString();
            channel.writeAndFlush(new StatsReply(requestId, true, null, why), quiet);
            return;
        }
        List<StatsReply> parts = LinkFrames.statsReplies(requestId, stats);
        for (StatsReply part : parts) {
            channel.write(part, quiet);
        }
        channel.flush();
    }

    @Override
    public void tunnelOut(int sessionId, byte[] packet, int length) {
        // Voice is better late than never only up to a point: a full buffer drops, not queues.
        if (channel.isWritable()) {
            channel.writeAndFlush(new TunnelOut(sessionId, Arrays.copyOf(packet, length)), quiet);
        } else {
            dropped.incrementAndGet();
        }
    }

    /** The last refusal's reason per peer host, so a peer that keeps failing the same way is logged once. */
    static final class Refusals {
        private static final int MAX_HOSTS = 1024;
        private final Map<InetAddress, String> last = new ConcurrentHashMap<>();

        boolean isNew(SocketAddress peer, String why) {
            InetAddress host = host(peer);
            if (host == null) {
                return true;
            }
            if (last.size() >= MAX_HOSTS) {
                last.clear();
            }
            return !why.equals(last.put(host, why));
        }

        void forget(SocketAddress peer) {
            InetAddress host = host(peer);
            if (host != null) {
                last.remove(host);
            }
        }

        private static InetAddress host(SocketAddress peer) {
            return peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
        }
    }

    @Override
    protected void onDown(ChannelHandlerContext ctx, boolean wasUp, String reason) {
        List<Integer> closed = sessions.releaseAll(this);
        for (int sessionId : closed) {
            try {
                control.close(sessionId);
            } catch (RuntimeException e) {
                log.error("the relay failed to close a session", e);
            }
        }
        String address = String.valueOf(channel.remoteAddress());
        if (!wasUp) {
            String why = reason == null ? "closed during the handshake" : reason;
            // A chat node with the wrong secret retries every few seconds, forever: say it once.
            if (refusals.isNew(channel.remoteAddress(), why)) {
                log.warn("link attempt from {} failed: {} (repeats from there are logged at debug)", address, why);
            } else {
                log.debug("link attempt from {} failed: {}", address, why);
            }
        } else if (reason == null) {
            log.info("link from {} down; closed {} sessions, dropped {} tunnel packets", address, closed.size(),
                    dropped.get());
        } else {
            log.warn("link from {} down: {}; closed {} sessions, dropped {} tunnel packets", address, reason,
                    closed.size(), dropped.get());
        }
    }
}
