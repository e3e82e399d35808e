package dev.confab.client.chat;

import dev.confab.protocol.DecodeResult;
import dev.confab.protocol.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one line (the newline already stripped) into a protocol message. A line this client
 * cannot read, such as an event type newer than itself, is logged and dropped: it must not
 * cost the connection.
 */
@Sharable
final class MessageLineDecoder extends MessageToMessageDecoder<ByteBuf> {

    static final MessageLineDecoder INSTANCE = new MessageLineDecoder();

    private static final Logger log = LoggerFactory.getLogger(MessageLineDecoder.class);

    private MessageLineDecoder() {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        DecodeResult result = MessageCodec.decode(ByteBufUtil.getBytes(line));
        if (result instanceof DecodeResult.Decoded decoded) {
            out.add(decoded.message());
        } else if (result instanceof DecodeResult.Rejected rejected) {
            log.warn("dropped a line from {} that this client cannot read: {}",
                    ctx.channel().remoteAddress(), rejected.failure().message());
        }
    }
}
