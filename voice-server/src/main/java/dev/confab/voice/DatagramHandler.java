package dev.confab.voice;

import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.relay.Datagrams;
import dev.confab.voice.relay.VoiceRelay;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of a relay socket: copies each datagram into a buffer of its own and hands it
 * to the {@link VoiceRelay}, which answers through this same socket ({@link Datagrams}). Writes
 * are not flushed one by one: the flush at the end of a read batch sends everything that batch
 * caused at once (sendmmsg with epoll). One per socket, so not sharable; a socket's thread is
 * the only one that touches it.
 */
final class DatagramHandler extends ChannelInboundHandlerAdapter implements Datagrams {
    private static final Logger log = LoggerFactory.getLogger(DatagramHandler.class);
    /** One byte more than the largest voice packet, so an oversized datagram still shows as one. */
    static final int DATAGRAM_BYTES = VoicePacket.MAX_PACKET_BYTES + 1;

    private final VoiceRelay relay;
    private final byte[] in = new byte[DATAGRAM_BYTES];
    private ChannelHandlerContext ctx;
    private boolean unflushed;

    DatagramHandler(VoiceRelay relay) {
        this.relay = relay;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket datagram)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            ByteBuf content = datagram.content();
            int length = content.readableBytes();
            content.getBytes(content.readerIndex(), in, 0, Math.min(length, in.length));
            relay.received(in, length, datagram.sender(), this);
        } finally {
            datagram.release();
        }
    }

    @Override
    public boolean send(byte[] packet, int length, InetSocketAddress to) {
        // A full send buffer drops the packet here, as a congested network would further on:
        // voice late is voice lost, and the queue must not grow without bound.
        if (!ctx.channel().isWritable()) {
            return false;
        }
        ctx.write(datagram(ctx.alloc(), packet, length, to), ctx.voidPromise());
        unflushed = true;
        return true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket has no peer to lose: an error (an ICMP report, a failed send) concerns one
        // packet, so the socket stays open. Anything else is a bug, and worth a warning.
        if (cause instanceof IOException) {
            log.debug("voice socket {}: {}", ctx.channel().localAddress(), cause.toString());
        } else {
            log.warn("voice socket {}: unexpected error", ctx.channel().localAddress(), cause);
        }
    }

    /** A datagram in a pooled buffer of the transport's preferred kind (direct, for epoll and NIO). */
    static DatagramPacket datagram(ByteBufAllocator alloc, byte[] packet, int length, InetSocketAddress to) {
        ByteBuf buffer = alloc.ioBuffer(length);
        buffer.writeBytes(packet, 0, length);
        return new DatagramPacket(buffer, to);
    }
}
