package dev.confab.server.tls;

import dev.confab.protocol.Fingerprints;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The server's TLS identity: PEM files given by the operator, or a self-signed certificate made
 * on first start and kept in the data folder, so the fingerprint clients pin stays the same
 * across restarts. TLS 1.3 only.
 */
public final class TlsFiles {
    public static final String CERT_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";

    private final Path certificate;
    private final Path privateKey;

    private TlsFiles(Path certificate, Path privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    public static TlsFiles given(Path certificate, Path privateKey) {
        return new TlsFiles(certificate, privateKey);
    }

    /** The certificate in {@code folder}, made now if there is none. */
    public static TlsFiles selfSigned(Path folder) throws IOException, GeneralSecurityException {
        Path cert = folder.resolve(CERT_FILE);
        Path key = folder.resolve(KEY_FILE);
        if (!Files.exists(cert) || !Files.exists(key)) {
            generate(folder, cert, key);
        }
        return new TlsFiles(cert, key);
    }

    public SslContext serverContext() throws IOException {
        return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile())
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .protocols("TLSv1.3")
                .build();
    }

    public String fingerprint() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Fingerprints.of(cert.getEncoded());
        }
    }

    private static void generate(Path folder, Path cert, Path key) throws IOException, GeneralSecurityException {
        Files.createDirectories(folder);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=confab-server");
        X509CertificateHolder holder;
        try {
            holder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                    subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate", e);
        }
        writePem(key, new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        writePem(cert, new PemObject("CERTIFICATE", holder.getEncoded()), false);
    }

    private static void writePem(Path file, PemObject object, boolean secret) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        if (secret) {
            restrictToOwner(temp);
        }
        try (Writer out = Files.newBufferedWriter(temp); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the data folder's own permissions must protect the key.
        }
    }
}
