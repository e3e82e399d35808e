package dev.confab.cli.connect;

import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.Fingerprints;
import dev.confab.protocol.Limits;
import dev.confab.protocol.MessageCodec;
import dev.confab.protocol.Request;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * Gets ready to connect while the main thread is still parsing the command line: most of a
 * short command's time is the JVM loading and first running Netty, the JDK's TLS and Jackson,
 * and none of that depends on the arguments. Two daemon threads do that work early, on the
 * otherwise idle cores: one makes the Netty event loop the connection will run on and starts a
 * TLS handshake with no peer (a ClientHello, which loads the handshake and key-exchange code),
 * the other encodes and decodes the messages of a login.
 *
 * <p>Nothing here touches the network or files, and a failure only means a slower start.
 */
public final class ConnectionWarmUp {

    /** The lines a login receives, trimmed to what the codec needs to set up its readers. */
    private static final String[] SERVER_LINES = {
            "{\"type\":\"welcome\",\"id\":1,\"version\":1,\"server\":\"s\",\"maxLineBytes\":16384,\"maxMessageChars\":4000}",
            "{\"type\":\"logged_in\",\"id\":2,\"session\":1,\"account\":{\"id\":1,\"name\":\"a\",\"role\":\"member\"},"
                    + "\"resumeToken\":\"t\",\"resumeGraceSeconds\":60}",
            "{\"type\":\"snapshot\",\"rooms\":[{\"id\":1,\"name\":\"Lobby\",\"hasPassword\":false,\"minRole\":\"guest\","
                    + "\"bitrate\":32000,\"maxUsers\":0}],\"members\":[{\"session\":1,\"user\":1,\"name\":\"a\","
                    + "\"role\":\"member\",\"room\":1}],\"lobby\":1}",
            "{\"type\":\"voice_session\",\"sessionId\":5,\"key\":\"k\",\"host\":\"h\",\"port\":1,\"room\":1,\"bitrate\":32000}",
            "{\"type\":\"posted\",\"id\":3,\"messageId\":1,\"ts\":1}",
            "{\"type\":\"ok\",\"id\":4}",
            "{\"type\":\"error\",\"id\":5,\"code\":\"forbidden\",\"message\":\"m\"}",
    };

    private static volatile CompletableFuture<EventLoopGroup> eventLoop;

    private ConnectionWarmUp() {
    }

    public static void start() {
        CompletableFuture<EventLoopGroup> group = new CompletableFuture<>();
        eventLoop = group;
        daemon("warm-up-tls", () -> {
            EventLoopGroup made = null;
            try {
                made = new NioEventLoopGroup(1);
            } catch (RuntimeException e) {
                return; // the session makes its own, and reports any real problem
            } finally {
                group.complete(made); // always: the main thread waits for it
            }
            startHandshake();
        });
        daemon("warm-up-json", ConnectionWarmUp::encodeAndDecode);
    }

    /** The event loop group made ahead, to be shut down by whoever takes it; null when there is none. */
    static EventLoopGroup takeEventLoopGroup() {
        CompletableFuture<EventLoopGroup> group = eventLoop;
        eventLoop = null;
        return group == null ? null : group.join();
    }

    /** Shuts down the event loop group made ahead if no connection took it (the command failed before connecting). */
    public static void discardUnused() {
        EventLoopGroup unused = takeEventLoopGroup();
        if (unused != null) {
            unused.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }

    private static void startHandshake() {
        try {
            SslContext context = TrustPolicy.pinned(Fingerprints.of(new byte[0]))
                    .checkFor(new ServerAddress("localhost", Limits.DEFAULT_PORT))
                    .newSslContext();
            SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
            engine.beginHandshake();
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        } catch (Exception e) {
            // Only a head start: the real connection reports real problems.
        }
    }

    private static void encodeAndDecode() {
        try {
            MessageCodec.encodeLine(new Request.Hello(1, Limits.PROTOCOL_VERSION, ServerLink.CLIENT_NAME));
            MessageCodec.encodeLine(new Request.Login(2, null, null, "token"));
            MessageCodec.encodeLine(new Request.Say(3, 1, "text", false));
            for (String line : SERVER_LINES) {
                MessageCodec.decode(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            // Only a head start.
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
