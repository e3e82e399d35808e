package dev.confab.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.protocol.MessageCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A bare TLS socket that writes whatever bytes a test wants, for the input no well-behaved
 * client would send. It trusts any certificate: what it tests is the server's line handling.
 */
public final class RawClient implements AutoCloseable {
    private final SSLSocket socket;
    private final OutputStream out;
    private final BufferedReader in;

    public RawClient(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    public RawClient hello() throws IOException {
        send("{\"type\":\"hello\",\"id\":1,\"version\":1,\"client\":\"raw\"}");
        readUntil(json -> json.path("type").asText().equals("welcome"));
        return this;
    }

    public void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line as JSON, or null at end of stream. */
    public JsonNode read() throws IOException {
        String line = in.readLine();
        return line == null ? null : MessageCodec.mapper().readTree(line);
    }

    /** Reads until a line matches; fails at end of stream or after the socket timeout. */
    public JsonNode readUntil(Predicate<JsonNode> matching) throws IOException {
        while (true) {
            JsonNode next = read();
            if (next == null) {
                throw new IOException("the server closed the connection");
            }
            if (matching.test(next)) {
                return next;
            }
        }
    }

    /** Sends a ping with this id and waits for its pong: proof the connection still works. */
    public void roundTrip(long id) throws IOException {
        send("{\"type\":\"ping\",\"id\":" + id + "}");
        readUntil(json -> json.path("type").asText().equals("pong") && json.path("id").asLong() == id);
    }

    public boolean isClosedByServer() {
        try {
            socket.setSoTimeout(5_000);
            while (true) {
                if (in.readLine() == null) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
