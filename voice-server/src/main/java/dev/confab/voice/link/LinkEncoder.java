package dev.confab.voice.link;

import dev.confab.protocol.BigEndian;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Seals outbound {@link LinkFrame}s, once {@link #start} has given it the sending cipher: the
 * 4-byte length in clear, then ciphertext and tag. Sealing happens on the channel's event loop
 * in write order, which is what keeps the implicit counters of both ends in step. Anything else
 * written (the greeting's raw bytes) passes through. Not sharable.
 */
public final class LinkEncoder extends MessageToByteEncoder<LinkFrame> {
    private final byte[] lengthBytes = new byte[4];
    private LinkCipher sealer;

    public LinkEncoder() {
        super(LinkFrame.class);
    }

    public void start(LinkCipher sealer) {
        this.sealer = sealer;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, LinkFrame frame, ByteBuf out) {
        if (sealer == null) {
            throw new IllegalStateException("a link frame written before the handshake");
        }
        byte[] plain = LinkFrames.encode(frame);
        if (plain.length > LinkFrames.MAX_PLAIN_BYTES) {
            throw new IllegalStateException("a link frame of " + plain.length + " bytes is over the limit");
        }
        int length = plain.length + LinkCipher.TAG_BYTES;
        BigEndian.putInt(lengthBytes, 0, length);
        byte[] sealed = sealer.seal(plain, 0, plain.length, lengthBytes);
        out.ensureWritable(4 + length);
        out.writeBytes(lengthBytes);
        out.writeBytes(sealed);
    }
}
