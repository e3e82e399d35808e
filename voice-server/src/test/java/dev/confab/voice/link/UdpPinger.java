package dev.confab.voice.link;

import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import javax.crypto.SecretKey;

/** A voice client that only pings: real sealed packets over a real UDP socket on 127.0.0.1. */
public final class UdpPinger implements AutoCloseable {
    /** An opened pong: its downlink sequence and the clock it echoes. */
    public record Pong(long clock) {
    }

    private final DatagramSocket socket;
    private final InetSocketAddress relay;
    private final int session;
    private final SecretKey key;
    private final VoiceCipher cipher = new VoiceCipher();
    private long sequence;

    public UdpPinger(int session, byte[] key, int relayPort) throws IOException {
        this.session = session;
        this.key = VoiceCipher.key(key);
        this.relay = new InetSocketAddress(InetAddress.getLoopbackAddress(), relayPort);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** A sealed ping carrying {@code clock}, with the next sequence. */
    public byte[] ping(long clock) {
        byte[] payload = ByteBuffer.allocate(8).putLong(clock).array();
        byte[] packet = new byte[VoicePacket.BASE_HEADER_BYTES + payload.length + VoicePacket.TAG_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, session, ++sequence, (int) sequence * 960,
                VoicePacket.KIND_PING, 0);
        cipher.seal(key, packet, 0, header, payload, 0, payload.length);
        return packet;
    }

    /** Sends a ping over UDP and waits up to {@code millis} for its pong; null when none came. */
    public Pong roundTrip(long clock, int millis) throws IOException {
        byte[] ping = ping(clock);
        socket.send(new DatagramPacket(ping, ping.length, relay));
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[2048];
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(in);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return open(buffer, in.getLength());
    }

    /** Opens a downlink pong for this session; fails the test on anything else. */
    public Pong open(byte[] packet, int length) {
        int header = VoicePacket.validate(packet, 0, length);
        if (header < 0 || VoicePacket.session(packet, 0) != session
                || VoicePacket.flags(packet, 0) != (VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_PONG)) {
            throw new AssertionError("not a pong for session " + session);
        }
        byte[] payload = new byte[length];
        int n = cipher.open(key, packet, 0, length, header, payload, 0);
        if (n != 8) {
            throw new AssertionError("a pong that does not open");
        }
        return new Pong(ByteBuffer.wrap(payload).getLong());
    }

    @Override
    public void close() {
        socket.close();
    }
}
