package dev.confab.client.chat;

import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to open a chat connection.
 *
 * @param eventLoopGroup a NIO group to share between many connections, or null for each
 *                       connection to run (and shut down) its own one-thread group
 */
public record ConnectOptions(ServerAddress server, TrustPolicy trust, String clientName,
                             Duration requestTimeout, Duration connectTimeout, EventLoopGroup eventLoopGroup) {

    public static final String DEFAULT_CLIENT_NAME = "confab-client-core";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public ConnectOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(clientName, "clientName");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(connectTimeout, "connectTimeout");
    }

    public static Builder builder(ServerAddress server, TrustPolicy trust) {
        return new Builder(server, trust);
    }

    /** The same options on another group, e.g. the one event loop a session keeps its connections on. */
    public ConnectOptions withEventLoopGroup(EventLoopGroup group) {
        return new ConnectOptions(server, trust, clientName, requestTimeout, connectTimeout, group);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }

    public static final class Builder {
        private final ServerAddress server;
        private final TrustPolicy trust;
        private String clientName = DEFAULT_CLIENT_NAME;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private EventLoopGroup eventLoopGroup;

        private Builder(ServerAddress server, TrustPolicy trust) {
            this.server = server;
            this.trust = trust;
        }

        /** Sent in hello, e.g. {@code "confab-tui/0.1"}; servers may log it. */
        public Builder clientName(String name) {
            this.clientName = name;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Bounds the TCP connect and, separately, the TLS handshake. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        public ConnectOptions build() {
            return new ConnectOptions(server, trust, clientName, requestTimeout, connectTimeout, eventLoopGroup);
        }
    }
}
