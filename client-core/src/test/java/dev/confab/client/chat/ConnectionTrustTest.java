package dev.confab.client.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.client.trust.FingerprintMismatchException;
import dev.confab.client.trust.FingerprintProbe;
import dev.confab.client.trust.KnownServers;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.Fingerprints;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes against the fake server: pinning, trust on first use, and refusals. */
class ConnectionTrustTest {

    private static SelfSignedCertificate original;
    private static SelfSignedCertificate replacement;

    @TempDir
    Path folder;

    @BeforeAll
    static void makeCertificates() throws Exception {
        original = FakeChatServer.newCertificate();
        replacement = FakeChatServer.newCertificate();
    }

    @AfterAll
    static void deleteCertificates() {
        original.delete();
        replacement.delete();
    }

    private static ConnectOptions options(FakeChatServer server, TrustPolicy trust) {
        return ConnectOptions.builder(server.address(), trust).build();
    }

    private KnownServers knownServers() {
        return new KnownServers(folder.resolve("config/confab/known_servers"));
    }

    @Test
    void aProbeReadsTheFingerprintAndRemembersNothing() throws Exception {
        KnownServers known = knownServers();
        try (FakeChatServer server = FakeChatServer.tls(original)) {
            assertThat(FingerprintProbe.fetch(server.address(), Duration.ofSeconds(10))).isEqualTo(server.fingerprint());
            assertThat(known.file()).doesNotExist();
        }
        try (ServerSocket closed = new ServerSocket(0)) {
            ServerAddress nobody = new ServerAddress("127.0.0.1", closed.getLocalPort());
            closed.close();
            assertThatThrownBy(() -> FingerprintProbe.fetch(nobody, Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void firstUseRemembersTheServersFingerprint() throws Exception {
        KnownServers known = knownServers();
        try (FakeChatServer server = FakeChatServer.tls(original)) {
            ChatConnection connection = Await.result(ChatConnection.open(options(server, TrustPolicy.trustOnFirstUse(known))));

            assertThat(connection.remoteCertificateFingerprint()).isEqualTo(server.fingerprint());
            assertThat(connection.welcome().server()).isEqualTo("fake");
            assertThat(Files.readAllLines(known.file())).containsExactly(server.address() + " " + server.fingerprint());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(known.file()))).isEqualTo("rw-------");
            Await.result(connection.close());
        }
    }

    @Test
    void aServerWhoseCertificateChangedIsRefusedWithAnActionableMessage() throws Exception {
        KnownServers known = knownServers();
        int port;
        String originalFingerprint;
        try (FakeChatServer server = FakeChatServer.tls(original)) {
            port = server.port();
            originalFingerprint = server.fingerprint();
            Await.result(Await.result(ChatConnection.open(options(server, TrustPolicy.trustOnFirstUse(known)))).close());
        }

        try (FakeChatServer impostor = FakeChatServer.tls(replacement, port)) {
            Throwable failure = Await.failure(ChatConnection.open(options(impostor, TrustPolicy.trustOnFirstUse(known))));

            assertThat(failure).isInstanceOf(FingerprintMismatchException.class).hasMessage(
                    "server 127.0.0.1:" + port + " presented " + impostor.fingerprint() + " but " + originalFingerprint
                            + " is pinned in " + known.file()
                            + "; if the server's certificate really changed, remove its line from that file");
            assertThat(known.lookup(impostor.address())).contains(originalFingerprint);
        }
    }

    @Test
    void aPinnedFingerprintThatDoesNotMatchIsRefused() throws Exception {
        try (FakeChatServer server = FakeChatServer.tls(original);
             FakeChatServer other = FakeChatServer.tls(replacement)) {
            Throwable failure = Await.failure(ChatConnection.open(options(server, TrustPolicy.pinned(other.fingerprint()))));

            assertThat(failure).isInstanceOf(FingerprintMismatchException.class)
                    .hasMessageContaining("presented " + server.fingerprint())
                    .hasMessageContaining(other.fingerprint() + " was pinned for this connection");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aPinGivenExplicitlyReplacesTheRememberedFingerprint() throws Exception {
        KnownServers known = knownServers();
        try (FakeChatServer server = FakeChatServer.tls(original);
             FakeChatServer other = FakeChatServer.tls(replacement)) {
            known.remember(server.address(), other.fingerprint());

            ChatConnection connection = Await.result(ChatConnection.open(
                    options(server, TrustPolicy.pinned(server.fingerprint(), known))));

            assertThat(known.lookup(server.address())).contains(server.fingerprint());
            Await.result(connection.close());
        }
    }

    @Test
    void aMalformedPinIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> TrustPolicy.pinned("SHA256:too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a fingerprint");
    }

    @Test
    void onlyTls13IsSpoken() throws Exception {
        var tls12Only = SslContextBuilder.forServer(original.key(), original.cert())
                .sslProvider(SslProvider.JDK).protocols("TLSv1.2").build();
        try (FakeChatServer server = FakeChatServer.withTlsContext(tls12Only)) {
            TrustPolicy trust = TrustPolicy.pinned(Fingerprints.of(original.cert().getEncoded()));
            Throwable failure = Await.failure(ChatConnection.open(options(server, trust)));

            assertThat(failure).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void plaintextMustBeAskedForAndHasNoFingerprint() throws Exception {
        try (FakeChatServer server = FakeChatServer.plaintext()) {
            ChatConnection connection = Await.result(ChatConnection.open(options(server, TrustPolicy.plaintext())));

            assertThat(connection.remoteCertificateFingerprint()).isNull();
            Await.result(connection.close());
        }
    }
}
