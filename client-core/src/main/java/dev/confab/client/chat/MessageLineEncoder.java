package dev.confab.client.chat;

import dev.confab.protocol.Message;
import dev.confab.protocol.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a protocol message as one JSON line. */
@Sharable
final class MessageLineEncoder extends MessageToByteEncoder<Message> {

    static final MessageLineEncoder INSTANCE = new MessageLineEncoder();

    private MessageLineEncoder() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message message, ByteBuf out) {
        out.writeBytes(MessageCodec.encodeLine(message));
    }
}
