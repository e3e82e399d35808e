package dev.confab.voice.relay;

import java.net.InetSocketAddress;

/**
 * Where the relay's UDP output goes: the socket the packet being handled came in on, so a
 * receive and the sends it causes stay on one thread. The transport decides when to flush.
 */
@FunctionalInterface
public interface Datagrams {

    /**
     * Queues one datagram; {@code packet} is reused once this returns, so copy it. False when the
     * socket's send queue is full and the datagram was dropped (voice late is voice lost).
     */
    boolean send(byte[] packet, int length, InetSocketAddress to);
}
