package dev.confab.client.trust;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Reads a server's certificate fingerprint with a TLS handshake and nothing more: no request is
 * sent, nothing is trusted or remembered. For a first contact that a person confirms, as ssh
 * shows a new host's key: the connection that follows pins what was shown, so a server swapped
 * in between is refused.
 */
public final class FingerprintProbe {

    private static final String TLS_1_3 = "TLSv1.3";

    private FingerprintProbe() {
    }

    /**
     * The fingerprint of the certificate {@code server} presents. Blocks for up to about twice
     * {@code timeout} (connect, then handshake): call it off any UI or event-loop thread.
     *
     * @throws IOException if the server cannot be reached or the handshake fails
     */
    public static String fetch(ServerAddress server, Duration timeout) throws IOException {
        ServerCheck anyCertificate = ServerCheck.tls(server, null, null, null);
        SSLContext context;
        try {
            context = SSLContext.getInstance(TLS_1_3);
            context.init(null, new TrustManager[] {new FingerprintTrustManager(anyCertificate)}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("this JVM cannot speak " + TLS_1_3 + ": " + e.getMessage(), e);
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), millis);
            socket.setSoTimeout(millis);
            socket.setEnabledProtocols(new String[] {TLS_1_3});
            socket.startHandshake();
        }
        String presented = anyCertificate.presented();
        if (presented == null) {
            throw new IOException(server + " presented no certificate");
        }
        return presented;
    }
}
