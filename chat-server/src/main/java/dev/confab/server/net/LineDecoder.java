package dev.confab.server.net;

import dev.confab.protocol.DecodeResult;
import dev.confab.protocol.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/** Turns each framed line into a {@link DecodeResult}; never fails, whatever the bytes. */
@ChannelHandler.Sharable
final class LineDecoder extends MessageToMessageDecoder<ByteBuf> {
    static final LineDecoder INSTANCE = new LineDecoder();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        if (!line.isReadable()) {
            return; // blank lines are allowed and ignored, like a keep-alive
        }
        out.add(MessageCodec.decode(ByteBufUtil.getBytes(line)));
    }
}
