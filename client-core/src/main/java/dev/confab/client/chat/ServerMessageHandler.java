package dev.confab.client.chat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Failure;
import dev.confab.protocol.Fingerprints;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.VoiceTunnel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last handler of a chat connection: tells the connection when the channel is ready for
 * hello, sorts what the server sends into replies, failures and events, and answers pings.
 */
final class ServerMessageHandler extends SimpleChannelInboundHandler<Message> {

    private static final Logger log = LoggerFactory.getLogger(ServerMessageHandler.class);

    private final ChatConnection connection;

    ServerMessageHandler(ChatConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // With TLS, hello waits for the handshake (userEventTriggered); in plaintext it goes now.
        if (ctx.pipeline().get(SslHandler.class) == null) {
            connection.ready(null);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            log.info("nothing from {} for {} s; treating the connection as dead", connection.server(),
                    ChatPipeline.SERVER_SILENCE_LIMIT_SECONDS);
            ctx.close();
            return;
        }
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                connection.ready(fingerprintOf(ctx.pipeline().get(SslHandler.class)));
            } else {
                connection.openFailed(handshake.cause());
            }
        }
        super.userEventTriggered(ctx, event);
    }

    private static String fingerprintOf(SslHandler tls) throws SSLPeerUnverifiedException, CertificateEncodingException {
        Certificate[] chain = tls.engine().getSession().getPeerCertificates();
        return Fingerprints.of(chain[0].getEncoded());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message message) {
        if (message instanceof Reply reply) {
            connection.replied(reply);
        } else if (message instanceof Failure failure) {
            connection.failed(failure);
        } else if (message instanceof Event event) {
            connection.eventArrived(event);
        } else if (message instanceof VoiceTunnel voice) {
            connection.voiceTunnelled(voice);
        } else if (message instanceof Request.Ping ping) {
            ctx.writeAndFlush(new Reply.Pong(ping.id()));
        } else {
            log.warn("ignored a {} request from {}: servers may only ping", message.getClass().getSimpleName(),
                    connection.server());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // The frame decoder skips to the next newline; the connection itself is fine.
            log.warn("dropped a line from {} longer than {} bytes", connection.server(), Limits.MAX_SERVER_LINE_BYTES);
            return;
        }
        if (!connection.established()) {
            // Opening failed: the open future reports why, so this is only detail.
            log.debug("error while opening a connection to {}", connection.server(), cause);
        } else if (cause instanceof IOException) {
            log.info("connection to {} failed: {}", connection.server(), cause.toString());
        } else {
            log.warn("closing the connection to {} after an unexpected error", connection.server(), cause);
        }
        ctx.close();
    }
}
