package dev.confab.server.net;

import dev.confab.protocol.Message;
import dev.confab.protocol.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a message as one JSON line. Already-encoded lines (broadcasts) pass by untouched. */
@ChannelHandler.Sharable
final class MessageEncoder extends MessageToByteEncoder<Message> {
    static final MessageEncoder INSTANCE = new MessageEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, ByteBuf out) {
        out.writeBytes(MessageCodec.encodeLine(message));
    }
}
