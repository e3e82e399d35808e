package dev.confab.client.voice;

import static dev.confab.protocol.voice.VoicePacket.FLAG_DOWNLINK;
import static dev.confab.protocol.voice.VoicePacket.FLAG_ECHO;
import static dev.confab.protocol.voice.VoicePacket.FLAG_PROBE;
import static dev.confab.protocol.voice.VoicePacket.KIND_AUDIO;
import static dev.confab.protocol.voice.VoicePacket.KIND_MASK;
import static dev.confab.protocol.voice.VoicePacket.KIND_PING;
import static dev.confab.protocol.voice.VoicePacket.KIND_PONG;

import dev.confab.client.chat.FakeChatServer;
import dev.confab.protocol.Event;
import dev.confab.protocol.VoiceTunnel;
import dev.confab.protocol.voice.ReplayWindow;
import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.crypto.SecretKey;

/**
 * A stand-in for the voice relay, on 127.0.0.1 over real UDP, for one client: it opens uplink
 * packets with the keys it granted, answers pings with pongs along the path they came on, moves a
 * session's downlink route on every packet but a probe, and sends echo audio back. Tunnelled
 * packets reach it through a {@link FakeChatServer} it is attached to. It can be told to go
 * silent (swallow all UDP), and tests can make it send any downlink packet, well formed or not.
 */
final class FakeRelay implements AutoCloseable {

    /** An uplink packet that opened, as the relay saw it. */
    record Uplink(int session, long sequence, int timestamp, int flags, long party, byte[] payload, String path) {
        int kind() {
            return flags & KIND_MASK;
        }

        boolean probe() {
            return (flags & FLAG_PROBE) != 0;
        }
    }

    private interface Route {
        void send(byte[] packet, int length);

        String name();
    }

    private static final class Session {
        final int id;
        final byte[] rawKey;
        final SecretKey key;
        final long chatSession;
        final ReplayWindow uplink = new ReplayWindow();
        long downlinkSequence;
        Route route;

        Session(int id, byte[] rawKey, long chatSession) {
            this.id = id;
            this.rawKey = rawKey;
            this.key = VoiceCipher.key(rawKey);
            this.chatSession = chatSession;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final DatagramSocket socket;
    private final Thread receiver;
    private final VoiceCipher cipher = new VoiceCipher();
    private final Map<Integer, Session> sessions = new HashMap<>();
    private final List<Uplink> uplinks = new ArrayList<>();
    private volatile boolean silent;
    private volatile InetSocketAddress lastClient;
    private int replays;
    private int rejected;

    FakeRelay() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        receiver = new Thread(this::receive, "fake-relay");
        receiver.setDaemon(true);
        receiver.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Swallows every datagram both ways while set, like a firewall dropping UDP. */
    void silent(boolean swallow) {
        silent = swallow;
    }

    /** Mints a voice session for the client with chat session id {@code chatSession}, as the chat server would. */
    synchronized Event.VoiceGranted grant(long chatSession, long room, int bitrate) {
        int id;
        do {
            id = random.nextInt();
        } while (id == 0 || sessions.containsKey(id));
        byte[] key = new byte[VoiceCipher.KEY_BYTES];
        random.nextBytes(key);
        sessions.put(id, new Session(id, key, chatSession));
        InetSocketAddress at = address();
        return new Event.VoiceGranted(id, Base64.getEncoder().encodeToString(key), at.getHostString(), at.getPort(),
                room, bitrate);
    }

    /** Takes tunnelled packets from the chat server's clients, and answers through the same connection. */
    void attachTunnel(FakeChatServer server) {
        server.onVoiceTunnel((client, tunnelled) -> {
            byte[] packet = Base64.getDecoder().decode(tunnelled.packet());
            handle(packet, packet.length, new Route() {
                @Override
                public void send(byte[] bytes, int length) {
                    client.send(new VoiceTunnel(Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, length))));
                }

                @Override
                public String name() {
                    return "tunnel";
                }
            });
        });
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                return;
            }
            if (silent || datagram.getLength() == 0) {
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
            lastClient = from;
            handle(Arrays.copyOf(buffer, datagram.getLength()), datagram.getLength(), udpTo(from));
        }
    }

    private Route udpTo(InetSocketAddress client) {
        return new Route() {
            @Override
            public void send(byte[] bytes, int length) {
                sendUdp(Arrays.copyOf(bytes, length), client);
            }

            @Override
            public String name() {
                return "udp";
            }
        };
    }

    private synchronized void handle(byte[] packet, int length, Route from) {
        int header = VoicePacket.validate(packet, 0, length);
        if (header < 0 || (VoicePacket.flags(packet, 0) & FLAG_DOWNLINK) != 0) {
            rejected++;
            return;
        }
        Session session = sessions.get(VoicePacket.session(packet, 0));
        if (session == null) {
            rejected++;
            return;
        }
        long sequence = VoicePacket.sequence(packet, 0);
        if (!session.uplink.isFresh(sequence)) {
            replays++;
            return;
        }
        byte[] payload = new byte[length];
        int payloadLength = cipher.open(session.key, packet, 0, length, header, payload, 0);
        if (payloadLength < 0) {
            rejected++;
            return;
        }
        session.uplink.accept(sequence);
        int flags = VoicePacket.flags(packet, 0);
        int timestamp = VoicePacket.timestamp(packet, 0);
        long party = VoicePacket.hasParty(flags) ? VoicePacket.party(packet, 0) : 0;
        byte[] opened = Arrays.copyOf(payload, payloadLength);
        uplinks.add(new Uplink(session.id, sequence, timestamp, flags, party, opened, from.name()));
        notifyAll();
        if ((flags & KIND_MASK) != KIND_PING || (flags & FLAG_PROBE) == 0) {
            session.route = from;
        }
        if ((flags & KIND_MASK) == KIND_PING) {
            byte[] pong = seal(session, KIND_PONG, 0, 0, opened);
            from.send(pong, pong.length);
        } else if ((flags & FLAG_ECHO) != 0) {
            byte[] echo = seal(session, KIND_AUDIO | FLAG_ECHO, session.chatSession, timestamp, opened);
            session.route.send(echo, echo.length);
        }
    }

    /** A downlink packet for {@code sessionId}, sealed under its key with its next downlink sequence. */
    synchronized byte[] downlink(int sessionId, int flags, long party, int timestamp, byte[] payload) {
        return seal(sessions.get(sessionId), flags, party, timestamp, payload);
    }

    private byte[] seal(Session session, int flags, long party, int timestamp, byte[] payload) {
        byte[] packet = new byte[VoicePacket.MAX_PACKET_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, session.id, ++session.downlinkSequence, timestamp,
                flags | FLAG_DOWNLINK, party);
        int length = cipher.seal(session.key, packet, 0, header, payload, 0, payload.length);
        return Arrays.copyOf(packet, length);
    }

    /** Sends audio from {@code speaker} to the session along its current route; false if it has none. */
    synchronized boolean sendAudio(int sessionId, long speaker, int timestamp, byte[] payload) {
        Session session = sessions.get(sessionId);
        if (session.route == null) {
            return false;
        }
        byte[] packet = seal(session, KIND_AUDIO, speaker, timestamp, payload);
        session.route.send(packet, packet.length);
        return true;
    }

    /** Sends raw bytes to the UDP address the client last sent from. */
    void sendUdp(byte[] bytes) {
        sendUdp(bytes, lastClient);
    }

    private void sendUdp(byte[] bytes, InetSocketAddress to) {
        if (silent) {
            return;
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    InetSocketAddress lastClient() {
        return lastClient;
    }

    /** The path the session's downlink goes now: "udp", "tunnel", or null before any packet moved it. */
    synchronized String route(int sessionId) {
        Route route = sessions.get(sessionId).route;
        return route == null ? null : route.name();
    }

    synchronized List<Uplink> uplinks() {
        return List.copyOf(uplinks);
    }

    /** Uplink packets that opened but were already seen: a client reusing sequences would show here. */
    synchronized int replays() {
        return replays;
    }

    synchronized int rejected() {
        return rejected;
    }

    /** Waits for the first uplink (seen so far or later) that {@code wanted} accepts; fails after 5 s. */
    synchronized Uplink awaitUplink(Predicate<Uplink> wanted) throws InterruptedException {
        return awaitUplink(wanted, 0, Duration.ofSeconds(5));
    }

    /** Like {@link #awaitUplink(Predicate)}, looking only at uplinks from index {@code from} on. */
    synchronized Uplink awaitUplink(Predicate<Uplink> wanted, int from, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int index = from;
        while (true) {
            for (; index < uplinks.size(); index++) {
                if (wanted.test(uplinks.get(index))) {
                    return uplinks.get(index);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such uplink within " + limit.toMillis() + " ms; saw " + uplinks);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
