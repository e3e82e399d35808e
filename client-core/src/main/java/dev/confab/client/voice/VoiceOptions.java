package dev.confab.client.voice;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link VoiceConnection} picks and watches its transport. The defaults are what clients
 * use; the others exist for tests and unusual networks.
 *
 * @param udpOverride            where to send UDP instead of the host and port in the grant, or
 *                               null (normal). For tests and advanced use: a test points it at a
 *                               socket that swallows packets (a "UDP firewall") or forwards them to
 *                               the relay, and a person could point it at a UDP port forward
 * @param udpTimeout             how long UDP may go unanswered (from the grant, or from the last
 *                               UDP pong) before voice moves into the chat connection: 3 s
 * @param connectingPingInterval UDP pings while connecting: every 500 ms
 * @param pingInterval           pings on the transport in use, and UDP probes while tunnelling: every 1 s
 * @param previousKeyGrace       how long the previous grant's key still opens downlink packets
 *                               after a new grant or a revoke, for packets in flight: 2 s
 */
public record VoiceOptions(InetSocketAddress udpOverride, Duration udpTimeout, Duration connectingPingInterval,
                           Duration pingInterval, Duration previousKeyGrace) {

    public static final VoiceOptions DEFAULT = new VoiceOptions(null, Duration.ofSeconds(3), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2));

    public VoiceOptions {
        if (udpOverride != null && udpOverride.isUnresolved()) {
            throw new IllegalArgumentException("udpOverride must be a resolved address, not " + udpOverride);
        }
        requirePositive(udpTimeout, "udpTimeout");
        requirePositive(connectingPingInterval, "connectingPingInterval");
        requirePositive(pingInterval, "pingInterval");
        Objects.requireNonNull(previousKeyGrace, "previousKeyGrace");
        if (previousKeyGrace.isNegative()) {
            throw new IllegalArgumentException("previousKeyGrace must not be negative, not " + previousKeyGrace);
        }
    }

    /** The same options sending UDP to {@code endpoint} instead of the grant's address (tests, advanced). */
    public VoiceOptions withUdpOverride(InetSocketAddress endpoint) {
        return new VoiceOptions(endpoint, udpTimeout, connectingPingInterval, pingInterval, previousKeyGrace);
    }

    public VoiceOptions withPreviousKeyGrace(Duration grace) {
        return new VoiceOptions(udpOverride, udpTimeout, connectingPingInterval, pingInterval, grace);
    }

    public VoiceOptions withTimings(Duration udpTimeout, Duration connectingPingInterval, Duration pingInterval) {
        return new VoiceOptions(udpOverride, udpTimeout, connectingPingInterval, pingInterval, previousKeyGrace);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
