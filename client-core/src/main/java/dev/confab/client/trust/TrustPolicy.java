package dev.confab.client.trust;

import dev.confab.protocol.Fingerprints;
import java.util.Objects;

/**
 * How a connection decides to trust a server's certificate. Certificates are self-signed, so
 * the identity of a server is its certificate's fingerprint, not a name a CA vouched for.
 */
public sealed interface TrustPolicy permits TrustPolicy.Pinned, TrustPolicy.TrustOnFirstUse, TrustPolicy.Plaintext {

    /** Trusts only {@code fingerprint} (e.g. from a {@code --trust} flag). */
    static TrustPolicy pinned(String fingerprint) {
        return new Pinned(fingerprint, null);
    }

    /**
     * Trusts only {@code fingerprint} and remembers it in {@code knownServers} once connected,
     * replacing what was remembered before: pinning explicitly is how a person accepts a
     * server's new certificate.
     */
    static TrustPolicy pinned(String fingerprint, KnownServers knownServers) {
        return new Pinned(fingerprint, Objects.requireNonNull(knownServers, "knownServers"));
    }

    /** Like ssh: an unknown server is trusted and remembered; a known one must present the same certificate. */
    static TrustPolicy trustOnFirstUse(KnownServers knownServers) {
        return new TrustOnFirstUse(knownServers);
    }

    /** No TLS at all. For tests only; never a default. */
    static TrustPolicy plaintext() {
        return new Plaintext();
    }

    /**
     * What one connection to {@code server} will accept. May read the known-servers file, so
     * call it off the Netty event loops.
     */
    ServerCheck checkFor(ServerAddress server);

    /** @param knownServers where to remember the pin once connected, or null */
    record Pinned(String fingerprint, KnownServers knownServers) implements TrustPolicy {
        public Pinned {
            if (!Fingerprints.isWellFormed(fingerprint)) {
                throw new IllegalArgumentException("'" + fingerprint + "' is not a fingerprint (expected "
                        + Fingerprints.PREFIX + " followed by 43 base64 characters)");
            }
        }

        @Override
        public ServerCheck checkFor(ServerAddress server) {
            boolean alreadyRemembered = knownServers == null
                    || knownServers.lookup(server).filter(fingerprint::equals).isPresent();
            return ServerCheck.tls(server, fingerprint, null, alreadyRemembered ? null : knownServers);
        }
    }

    record TrustOnFirstUse(KnownServers knownServers) implements TrustPolicy {
        public TrustOnFirstUse {
            Objects.requireNonNull(knownServers, "knownServers");
        }

        @Override
        public ServerCheck checkFor(ServerAddress server) {
            return knownServers.lookup(server)
                    .map(known -> ServerCheck.tls(server, known, knownServers.file(), null))
                    .orElseGet(() -> ServerCheck.tls(server, null, null, knownServers));
        }
    }

    record Plaintext() implements TrustPolicy {
        @Override
        public ServerCheck checkFor(ServerAddress server) {
            return ServerCheck.plaintext(server);
        }
    }
}
