package dev.confab.voice.relay;

import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.control.TunnelPeer;
import dev.confab.voice.control.VoiceControl;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;

/**
 * The relay: checks each voice packet against the sessions the chat server opened, and sends it
 * on to whoever should hear it, sealed under each receiver's key. The transport hands it
 * datagrams with {@link #received}; the chat server hands it tunnelled packets, and opens,
 * closes and mutes sessions, through {@link VoiceControl}. The rules, and why, are in the
 * package documentation.
 */
public final class VoiceRelay implements VoiceControl {

    /** What one thread needs to handle a packet, so the hot path allocates nothing of its own. */
    private static final class Scratch {
        final VoiceCipher cipher = new VoiceCipher();
        final byte[] payload = new byte[VoicePacket.MAX_PACKET_BYTES];
        final byte[] out = new byte[VoicePacket.MAX_PACKET_BYTES];

        /** Opens a packet into {@link #payload}, or -1 for a bad seal. */
        int open(SecretKey key, byte[] packet, int length, int header) {
            return cipher.open(key, packet, 0, length, header, payload, 0);
        }
    }

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private final TunnelPeer tunnel;
    private final Datagrams anySocket;
    private final LongSupplier nanoTime;
    private final Counters totals = new Counters();
    /** Replaced, never changed, by the writers below (which hold this relay's lock). */
    private volatile Directory directory = Directory.EMPTY;

    /**
     * @param tunnel    where packets for tunnelled sessions go
     * @param anySocket the UDP output for packets that arrived through the tunnel (any relay
     *                  socket will do; it must be safe to call from any thread)
     * @param nanoTime  the clock the rate budgets refill by ({@code System::nanoTime})
     */
    public VoiceRelay(TunnelPeer tunnel, Datagrams anySocket, LongSupplier nanoTime) {
        this.tunnel = Objects.requireNonNull(tunnel, "tunnel");
        this.anySocket = Objects.requireNonNull(anySocket, "anySocket");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    // ---- control: rare, from the chat server, serialized on this relay's lock ----

    @Override
    public synchronized void open(SessionSpec spec) {
        Directory current = directory;
        RelaySession previous = current.session(spec.sessionId());
        RelaySession session = new RelaySession(spec, previous, nanoTime.getAsLong());
        if (previous != null) {
            previous.closed = true;
            current = current.without(previous);
        }
        directory = current.with(session);
    }

    @Override
    public synchronized void close(int sessionId) {
        RelaySession session = directory.session(sessionId);
        if (session != null) {
            session.closed = true;
            directory = directory.without(session);
        }
    }

    @Override
    public synchronized void setState(int sessionId, boolean muted, boolean deafened) {
        RelaySession session = directory.session(sessionId);
        if (session != null) {
            session.muted = muted;
            session.deafened = deafened;
        }
    }

    @Override
    public CompletableFuture<RelayStats> stats() {
        Directory current = directory;
        List<SessionCounters> sessions = new ArrayList<>(current.size());
        for (RelaySession session : current.sessions()) {
            sessions.add(new SessionCounters(session.chatSession, session.name, session.room, session.transport(),
                    Counters.of(session.counters)));
        }
        return CompletableFuture.completedFuture(new RelayStats(totals.total(), List.copyOf(sessions)));
    }

    // ---- packets: the hot path ----

    /**
     * One datagram from UDP, on the thread of the socket it came in on; answers go out through
     * {@code out}, which is that socket. Never throws for any content.
     *
     * @param length the datagram's length; it may exceed what {@code packet} holds when the
     *               transport cut an oversized datagram short, and then it is malformed
     */
    public void received(byte[] packet, int length, InetSocketAddress from, Datagrams out) {
        if (length > 0) {
            handle(packet, length, from, out);
        }
    }

    /** A packet from a client's chat connection: handled as if from UDP, answered through the tunnel. */
    @Override
    public void tunnelled(byte[] packet) {
        if (packet.length > 0) {
            handle(packet, packet.length, RelaySession.TUNNEL, anySocket);
        }
    }

    private void handle(byte[] in, int length, InetSocketAddress from, Datagrams out) {
        try {
            relay(in, length, from, out);
        } finally {
            // Counted last: whoever sees a packet counted in also sees what became of it.
            totals.add(Counters.IN);
        }
    }

    private void relay(byte[] in, int length, InetSocketAddress from, Datagrams out) {
        int header = length > in.length ? -1 : VoicePacket.validate(in, 0, length);
        if (header < 0) {
            totals.drop(Drop.MALFORMED);
            return;
        }
        int flags = VoicePacket.flags(in, 0);
        int kind = flags & VoicePacket.KIND_MASK;
        // Clients never send downlink packets or pongs, and a payload longer than an Opus frame
        // would not fit a downlink packet (whose header has the party field).
        if ((flags & VoicePacket.FLAG_DOWNLINK) != 0 || kind == VoicePacket.KIND_PONG
                || VoicePacket.payloadBytes(length, header) > VoicePacket.MAX_PAYLOAD_BYTES) {
            totals.drop(Drop.MALFORMED);
            return;
        }
        RelaySession sender = directory.session(VoicePacket.session(in, 0));
        if (sender == null || sender.closed) {
            totals.drop(Drop.UNKNOWN_SESSION);
            return;
        }
        sender.count(Counters.IN);
        long sequence = VoicePacket.sequence(in, 0);
        if (!sender.uplink.isFresh(sequence)) {
            drop(sender, Drop.REPLAY);
            return;
        }
        Scratch scratch = SCRATCH.get();
        int payload = scratch.open(sender.key, in, length, header);
        if (payload < 0) {
            drop(sender, Drop.BAD_SEAL);
            return;
        }
        if (!sender.uplink.accept(sequence)) {
            drop(sender, Drop.REPLAY);
            return;
        }
        if (sender.closed) {
            // Closed while this packet was being opened: the key is no longer good.
            totals.drop(Drop.UNKNOWN_SESSION);
            return;
        }
        if ((flags & VoicePacket.FLAG_PROBE) == 0) {
            sender.learnRoute(from);
        }
        int timestamp = VoicePacket.timestamp(in, 0);
        if (kind == VoicePacket.KIND_PING) {
            if (!sender.admit(payload, nanoTime.getAsLong())) {
                drop(sender, Drop.RATE);
                return;
            }
            // Back the way it came, even for a probe, even when muted or deafened.
            send(sender, from, sender, timestamp, VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_PONG, 0, scratch,
                    payload, out);
            return;
        }
        if (sender.muted || sender.deafened) {
            drop(sender, Drop.MUTED);
            return;
        }
        if (!sender.admit(payload, nanoTime.getAsLong())) {
            drop(sender, Drop.RATE);
            return;
        }
        int downFlags = VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_AUDIO
                | flags & (VoicePacket.FLAG_WHISPER | VoicePacket.FLAG_ECHO);
        if ((flags & VoicePacket.FLAG_ECHO) != 0) {
            deliver(sender, sender, timestamp, downFlags, scratch, payload, out);
        } else if ((flags & VoicePacket.FLAG_WHISPER) != 0) {
            RelaySession target = directory.byChatSession(VoicePacket.party(in, 0));
            if (target != null && target != sender && (sender.whisperAnywhere || target.room == sender.room)) {
                deliver(sender, target, timestamp, downFlags, scratch, payload, out);
            }
        } else {
            for (RelaySession receiver : directory.room(sender.room)) {
                if (receiver != sender) {
                    deliver(sender, receiver, timestamp, downFlags, scratch, payload, out);
                }
            }
        }
    }

    /** Sends the payload in {@code scratch} to {@code receiver} by its route, if it has one and listens. */
    private void deliver(RelaySession sender, RelaySession receiver, int timestamp, int flags, Scratch scratch,
            int payload, Datagrams out) {
        InetSocketAddress route = receiver.route();
        if (route != null && !receiver.deafened && !receiver.closed) {
            send(sender, route, receiver, timestamp, flags, sender.chatSession, scratch, payload, out);
        }
    }

    private void send(RelaySession sender, InetSocketAddress route, RelaySession receiver, int timestamp, int flags,
            long party, Scratch scratch, int payload, Datagrams out) {
        byte[] packet = scratch.out;
        int header = VoicePacket.writeHeader(packet, 0, receiver.id, receiver.nextDownlinkSequence(), timestamp, flags,
                party);
        int length = scratch.cipher.seal(receiver.key, packet, 0, header, scratch.payload, 0, payload);
        if (route == RelaySession.TUNNEL) {
            tunnel.deliver(receiver.id, packet, length);
        } else if (!out.send(packet, length, route)) {
            return; // the socket's send queue is full: not relayed (the kernel would have dropped it too)
        }
        totals.add(Counters.RELAYED);
        sender.count(Counters.RELAYED);
    }

    private void drop(RelaySession sender, Drop drop) {
        totals.drop(drop);
        sender.count(drop);
    }
}
