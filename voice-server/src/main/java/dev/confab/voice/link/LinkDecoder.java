package dev.confab.voice.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Reads a link's inbound bytes: first the peer's greeting (emitted as a {@link Greeting}), then,
 * once {@link #start} has given it the receiving cipher, sealed frames (emitted as
 * {@link LinkFrame}s). A bad greeting, a length outside the bounds, a frame that does not open or
 * a body that does not parse is a {@link LinkException}; after one, everything that follows is
 * discarded unread and the handler closes the link. Holds at most one frame's bytes. Not
 * sharable.
 */
public final class LinkDecoder extends ByteToMessageDecoder {
    /** Smallest sealed frame: a type byte and the tag. */
    static final int MIN_SEALED_BYTES = 1 + LinkCipher.TAG_BYTES;

    /** The peer's greeting: its nonce, the magic checked. */
    public record Greeting(byte[] nonce) {
    }

    private final byte[] lengthBytes = new byte[4];
    private boolean greeted;
    private LinkCipher opener;
    private boolean failed;

    /** From now on, frames are opened with {@code opener}. */
    public void start(LinkCipher opener) {
        this.opener = opener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws LinkException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (!greeted) {
                if (in.readableBytes() >= LinkKeys.GREETING_BYTES) {
                    byte[] greeting = new byte[LinkKeys.GREETING_BYTES];
                    in.readBytes(greeting);
                    if (!LinkKeys.hasMagic(greeting)) {
                        throw new LinkException("not a Confab link (bad greeting)");
                    }
                    greeted = true;
                    byte[] nonce = new byte[LinkKeys.NONCE_BYTES];
                    System.arraycopy(greeting, LinkKeys.GREETING_BYTES - LinkKeys.NONCE_BYTES, nonce, 0, nonce.length);
                    out.add(new Greeting(nonce));
                }
                return;
            }
            if (opener == null || in.readableBytes() < 4) {
                return;
            }
            int at = in.readerIndex();
            int length = in.getInt(at);
            if (length < MIN_SEALED_BYTES || length > LinkFrames.MAX_SEALED_BYTES) {
                throw new LinkException("frame length " + Integer.toUnsignedString(length) + " out of bounds");
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.getBytes(at, lengthBytes);
            byte[] plain = new byte[length - LinkCipher.TAG_BYTES];
            opener.open(in.nioBuffer(at + 4, length), lengthBytes, plain);
            in.skipBytes(4 + length);
            out.add(LinkFrames.decode(plain));
        } catch (LinkException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
