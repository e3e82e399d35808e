package dev.confab.voice;

import dev.confab.protocol.Limits;

/**
 * Where a voice relay listens. {@code bind} null means every address; {@code port} 0 means any free
 * one ({@link VoiceServer#port} tells which). {@code threads}: how many event loops, and with epoll
 * how many sockets share the port (SO_REUSEPORT), so receives spread over that many cores.
 */
public record VoiceServerConfig(String bind, int port, int threads) {

    public VoiceServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("a relay needs at least one thread, not " + threads);
        }
    }

    /** Every address, the default port (UDP 7700), two threads. */
    public static VoiceServerConfig defaults() {
        return new VoiceServerConfig("0.0.0.0", Limits.DEFAULT_PORT, 2);
    }

    public VoiceServerConfig withAddress(String bind, int port) {
        return new VoiceServerConfig(bind, port, threads);
    }

    public VoiceServerConfig withThreads(int threads) {
        return new VoiceServerConfig(bind, port, threads);
    }
}
