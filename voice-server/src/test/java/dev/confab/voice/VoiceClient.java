package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.control.SessionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.SecretKey;

/**
 * A voice client on a real UDP socket on 127.0.0.1: seals and sends uplink packets under its
 * session's key, receives and opens downlink ones. Not thread-safe; one per test thread.
 */
public final class VoiceClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(3);
    /** How long to listen when nothing should come (the relay has already handled the packet). */
    public static final Duration QUIET = Duration.ofMillis(150);

    /** An opened downlink packet. */
    public record Received(int session, long sequence, int timestamp, int flags, long party, byte[] payload) {
        public int kind() {
            return flags & VoicePacket.KIND_MASK;
        }
    }

    public final SessionSpec spec;
    private final SecretKey key;
    private final InetSocketAddress relay;
    private final DatagramSocket socket;
    private final VoiceCipher cipher = new VoiceCipher();
    private final byte[] receiveBuffer = new byte[4096];
    /** The last uplink sequence used. */
    private long sequence;
    private int timestamp;

    public VoiceClient(SessionSpec spec, int relayPort) {
        this(spec, relayPort, 0);
    }

    private VoiceClient(SessionSpec spec, int relayPort, long sequence) {
        this.spec = spec;
        this.key = VoiceCipher.key(spec.key());
        this.sequence = sequence;
        try {
            this.relay = new InetSocketAddress(InetAddress.getLoopbackAddress(), relayPort);
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            // Room for a burst the test reads only afterwards (the kernel may cap it lower).
            this.socket.setReceiveBufferSize(1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid key that belongs to no session: for forgeries. */
    public static SecretKey otherKey() {
        byte[] key = new byte[VoiceCipher.KEY_BYTES];
        new Random().nextBytes(key);
        return VoiceCipher.key(key);
    }

    /** The same session from another socket (a new address), continuing its sequence. */
    public VoiceClient fromNewAddress() {
        return new VoiceClient(spec, relay.getPort(), sequence);
    }

    public int sessionId() {
        return spec.sessionId();
    }

    public long chatSession() {
        return spec.chatSession();
    }

    public long lastSequence() {
        return sequence;
    }

    // ---- sealing ----

    /** A sealed uplink packet with the next sequence number and a 20 ms later timestamp. */
    public byte[] seal(int flags, long party, byte[] payload) {
        timestamp += 960;
        return sealAt(++sequence, timestamp, flags, party, payload);
    }

    /** A sealed uplink packet with exactly these header fields, under this session's key. */
    public byte[] sealAt(long sequence, int timestamp, int flags, long party, byte[] payload) {
        return sealAt(spec.sessionId(), key, sequence, timestamp, flags, party, payload);
    }

    /** A packet naming {@code session} but sealed under {@code key}: a forgery when they do not match. */
    public byte[] sealAt(int session, SecretKey key, long sequence, int timestamp, int flags, long party, byte[] payload) {
        byte[] packet = new byte[VoicePacket.headerBytes(flags) + payload.length + VoicePacket.TAG_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, session, sequence, timestamp, flags, party);
        int length = cipher.seal(key, packet, 0, header, payload, 0, payload.length);
        assertThat(length).isEqualTo(packet.length);
        return packet;
    }

    // ---- sending ----

    public void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, relay));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] audio(byte[] payload) {
        return sent(seal(VoicePacket.KIND_AUDIO, 0, payload));
    }

    public byte[] whisper(long chatSession, byte[] payload) {
        return sent(seal(VoicePacket.KIND_AUDIO | VoicePacket.FLAG_WHISPER, chatSession, payload));
    }

    public byte[] echo(byte[] payload) {
        return sent(seal(VoicePacket.KIND_AUDIO | VoicePacket.FLAG_ECHO, 0, payload));
    }

    public byte[] ping(byte[] payload) {
        return sent(seal(VoicePacket.KIND_PING, 0, payload));
    }

    public byte[] probe(byte[] payload) {
        return sent(seal(VoicePacket.KIND_PING | VoicePacket.FLAG_PROBE, 0, payload));
    }

    private byte[] sent(byte[] datagram) {
        send(datagram);
        return datagram;
    }

    /**
     * Pings until a pong comes back, as a real client does: afterwards the relay knows this socket
     * as the session's route. A ping can beat the session's opening to a relay on another
     * machine (split mode); it is then dropped as an unknown session and the next one answers.
     */
    public VoiceClient connect() {
        byte[] payload = {1, 2, 3, 4};
        for (int attempt = 0; attempt < 8; attempt++) {
            ping(payload);
            Received pong = poll(Duration.ofMillis(500));
            if (pong != null) {
                assertThat(pong.kind()).isEqualTo(VoicePacket.KIND_PONG);
                assertThat(pong.payload()).isEqualTo(payload);
                return this;
            }
        }
        return fail("session %s got no pong to 8 pings", spec);
    }

    // ---- receiving ----

    /** The next downlink packet, opened; fails the test after {@link #WAIT}. */
    public Received receive() {
        Received received = poll(WAIT);
        if (received == null) {
            fail("session %s received nothing in %s", spec, WAIT);
        }
        return received;
    }

    /** The next downlink packet, opened, or null when none came in {@code wait}. */
    public Received poll(Duration wait) {
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            DatagramPacket datagram = new DatagramPacket(receiveBuffer, receiveBuffer.length);
            socket.receive(datagram);
            return open(Arrays.copyOf(datagram.getData(), datagram.getLength()));
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void expectNothing() {
        Received received = poll(QUIET);
        assertThat(received).as("what session %s received", spec).isNull();
    }

    /** Opens a downlink packet for this session; fails the test when it is not one. */
    public Received open(byte[] packet) {
        int header = VoicePacket.validate(packet, 0, packet.length);
        assertThat(header).as("a valid header").isPositive();
        int flags = VoicePacket.flags(packet, 0);
        assertThat(flags & VoicePacket.FLAG_DOWNLINK).as("the downlink flag").isNotZero();
        assertThat(VoicePacket.session(packet, 0)).as("the receiver's session").isEqualTo(spec.sessionId());
        byte[] payload = new byte[packet.length];
        int length = cipher.open(key, packet, 0, packet.length, header, payload, 0);
        assertThat(length).as("the seal opens under the receiver's key").isNotNegative();
        return new Received(VoicePacket.session(packet, 0), VoicePacket.sequence(packet, 0),
                VoicePacket.timestamp(packet, 0), flags, VoicePacket.party(packet, 0), Arrays.copyOf(payload, length));
    }

    @Override
    public void close() {
        socket.close();
    }
}
