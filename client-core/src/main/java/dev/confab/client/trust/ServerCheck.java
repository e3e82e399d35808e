package dev.confab.client.trust;

import dev.confab.protocol.Fingerprints;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection to one server will accept, decided by a {@link TrustPolicy} before
 * connecting. It verifies the certificate during the TLS handshake and, once the connection
 * is established, remembers a newly trusted fingerprint.
 */
public final class ServerCheck {

    private static final Logger log = LoggerFactory.getLogger(ServerCheck.class);
    private static final String TLS_1_3 = "TLSv1.3";

    private final ServerAddress server;
    private final boolean tls;
    private final String expected;
    private final Path expectedFrom;
    private final KnownServers rememberIn;
    private volatile FingerprintMismatchException mismatch;
    private volatile String presented;

    private ServerCheck(ServerAddress server, boolean tls, String expected, Path expectedFrom, KnownServers rememberIn) {
        this.server = server;
        this.tls = tls;
        this.expected = expected;
        this.expectedFrom = expectedFrom;
        this.rememberIn = rememberIn;
    }

    /**
     * @param expected     the only fingerprint accepted, or null to accept any (first use)
     * @param expectedFrom the known_servers file {@code expected} was read from, for the error message
     * @param rememberIn   where to remember the fingerprint once connected, or null when nothing changes
     */
    static ServerCheck tls(ServerAddress server, String expected, Path expectedFrom, KnownServers rememberIn) {
        return new ServerCheck(server, true, expected, expectedFrom, rememberIn);
    }

    static ServerCheck plaintext(ServerAddress server) {
        return new ServerCheck(server, false, null, null, null);
    }

    public boolean usesTls() {
        return tls;
    }

    /**
     * A client TLS context that speaks only TLS 1.3 and trusts only what this check accepts.
     * There is no hostname verification: the fingerprint is the server's identity.
     */
    public SslContext newSslContext() throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(TLS_1_3)
                .trustManager(new FingerprintTrustManager(this))
                .build();
    }

    /** Called by the trust manager during the handshake with the server's leaf certificate. */
    void verify(byte[] leafCertificateDer) throws FingerprintMismatchException {
        String presented = Fingerprints.of(leafCertificateDer);
        this.presented = presented;
        if (expected != null && !expected.equals(presented)) {
            mismatch = new FingerprintMismatchException(server, presented, expected, expectedFrom);
            throw mismatch;
        }
    }

    /** The fingerprint the server presented in the handshake, or null before it. */
    String presented() {
        return presented;
    }

    /**
     * Why the handshake refused the server, when it was a fingerprint mismatch. The JDK wraps
     * the trust manager's exception in its own, so the connection asks here instead.
     */
    public FingerprintMismatchException mismatch() {
        return mismatch;
    }

    /**
     * Remembers {@code fingerprint} if the policy asked for it. Does file I/O: call it off the
     * event loops. A failure to write is logged, not thrown: the connection itself is trusted.
     */
    public void connected(String fingerprint) {
        if (rememberIn == null || fingerprint == null) {
            return;
        }
        try {
            rememberIn.remember(server, fingerprint);
            log.info("remembered {} for server {} in {}", fingerprint, server, rememberIn.file());
        } catch (UncheckedIOException e) {
            log.warn("could not remember the fingerprint of server {}: {}", server, e.getMessage());
        }
    }
}
