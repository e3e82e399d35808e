package dev.confab.voice.relay;

import dev.confab.protocol.voice.ReplayWindow;
import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.voice.control.SessionSpec;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.crypto.SecretKey;

/**
 * One open voice session at the relay: what the chat server said about it (fixed), its mute and
 * deafen state and its downlink route (volatile, changed in place), and what the hot path needs
 * per packet: the key object, the uplink replay window, the downlink sequence, the rate budget
 * and the counters.
 */
final class RelaySession {
    /** The route of a session whose voice comes through the chat connection. Compared by identity. */
    static final InetSocketAddress TUNNEL = InetSocketAddress.createUnresolved("tunnel", 0);
    /** The least bitrate a budget is sized from, whatever the room says: Opus's own floor. */
    static final int MIN_BITRATE = 6_000;
    static final int PACKETS_PER_SECOND = 100;
    static final int PACKET_BURST = 50;

    final int id;
    final SecretKey key;
    final long chatSession;
    final String name;
    final long room;
    final boolean whisperAnywhere;
    final ReplayWindow uplink;
    /** The last downlink sequence used; each packet to this session takes the next one. */
    private final AtomicLong downlink;
    final AtomicLongArray counters;
    private final TokenBucket bytes;
    private final TokenBucket packets;

    volatile boolean muted;
    volatile boolean deafened;
    /** Set by close before the directory drops it: a packet already past the lookup sees it. */
    volatile boolean closed;
    /** Where its packets go: null (none yet), {@link #TUNNEL}, or the UDP address it last sent from. */
    private volatile InetSocketAddress route;

    /**
     * A session from the chat server's spec. When {@code previous} has the same id and key (the
     * chat server opened it again), the replay window, the downlink sequence, the route and the
     * counters carry over: starting them afresh under the same key would accept replays and
     * reuse downlink nonces.
     */
    RelaySession(SessionSpec spec, RelaySession previous, long now) {
        this.id = spec.sessionId();
        this.key = VoiceCipher.key(spec.key());
        this.chatSession = spec.chatSession();
        this.name = spec.name();
        this.room = spec.room();
        this.whisperAnywhere = spec.whisperAnywhere();
        this.muted = spec.muted();
        this.deafened = spec.deafened();
        boolean sameKey = previous != null && previous.id == id
                && MessageDigest.isEqual(previous.key.getEncoded(), spec.key());
        this.uplink = sameKey ? previous.uplink : new ReplayWindow();
        this.downlink = sameKey ? previous.downlink : new AtomicLong();
        this.counters = sameKey ? previous.counters : new AtomicLongArray(Counters.SLOTS);
        this.route = sameKey ? previous.route : null;
        // Opus VBR peaks and in-band FEC go well over the nominal rate: allow twice it, and a
        // second of it at once (a burst after a stall on the sender's side).
        double bytesPerSecond = Math.max(spec.bitrate(), MIN_BITRATE) / 8.0 * 2;
        this.bytes = new TokenBucket(bytesPerSecond, bytesPerSecond, now);
        this.packets = new TokenBucket(PACKETS_PER_SECOND, PACKET_BURST, now);
    }

    long nextDownlinkSequence() {
        return downlink.incrementAndGet();
    }

    InetSocketAddress route() {
        return route;
    }

    /** Moves the downlink to where a packet came from; writes only on a change. */
    void learnRoute(InetSocketAddress from) {
        InetSocketAddress current = route;
        if (current != from && !from.equals(current)) {
            route = from;
        }
    }

    String transport() {
        InetSocketAddress current = route;
        return current == null ? "none" : current == TUNNEL ? "tunnel" : "udp";
    }

    /** Spends one packet and {@code payloadBytes} from the budget, or nothing when either is short. */
    synchronized boolean admit(int payloadBytes, long now) {
        bytes.refill(now);
        packets.refill(now);
        if (!bytes.has(payloadBytes) || !packets.has(1)) {
            return false;
        }
        bytes.take(payloadBytes);
        packets.take(1);
        return true;
    }

    void count(int slot) {
        counters.incrementAndGet(slot);
    }

    void count(Drop drop) {
        counters.incrementAndGet(Counters.slot(drop));
    }
}
