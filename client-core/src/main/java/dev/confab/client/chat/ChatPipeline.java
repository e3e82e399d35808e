package dev.confab.client.chat;

import dev.confab.client.trust.ServerAddress;
import dev.confab.protocol.Limits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

/** Builds a chat connection's pipeline: TLS, then lines, then messages, then the connection's handler. */
final class ChatPipeline extends ChannelInitializer<Channel> {
    /**
     * The server pings any connection it has not heard from for 60 s, so a live connection is
     * never silent much longer than that. Past this, the network is assumed dead (a laptop
     * suspended, a NAT entry dropped) and the connection is closed so the session can resume.
     */
    static final int SERVER_SILENCE_LIMIT_SECONDS = 150;

    private final ChatConnection connection;
    private final SslContext tls;
    private final long handshakeTimeoutMillis;

    /** @param tls the TLS context, or null for a plaintext connection */
    ChatPipeline(ChatConnection connection, SslContext tls, long handshakeTimeoutMillis) {
        this.connection = connection;
        this.tls = tls;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    protected void initChannel(Channel channel) {
        connection.attach(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            ServerAddress server = connection.server();
            SslHandler handler = tls.newHandler(channel.alloc(), server.host(), server.port());
            handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
            pipeline.addLast("tls", handler);
        }
        pipeline.addLast("silence", new IdleStateHandler(SERVER_SILENCE_LIMIT_SECONDS, 0, 0));
        pipeline.addLast("lines", new LineBasedFrameDecoder(Limits.MAX_SERVER_LINE_BYTES, true, true));
        pipeline.addLast("decoder", MessageLineDecoder.INSTANCE);
        pipeline.addLast("encoder", MessageLineEncoder.INSTANCE);
        pipeline.addLast("connection", new ServerMessageHandler(connection));
    }
}
