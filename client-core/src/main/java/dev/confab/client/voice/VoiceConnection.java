package dev.confab.client.voice;

import static dev.confab.protocol.voice.VoicePacket.FLAG_DOWNLINK;
import static dev.confab.protocol.voice.VoicePacket.FLAG_ECHO;
import static dev.confab.protocol.voice.VoicePacket.FLAG_PROBE;
import static dev.confab.protocol.voice.VoicePacket.FLAG_WHISPER;
import static dev.confab.protocol.voice.VoicePacket.KIND_AUDIO;
import static dev.confab.protocol.voice.VoicePacket.KIND_MASK;
import static dev.confab.protocol.voice.VoicePacket.KIND_PING;
import static dev.confab.protocol.voice.VoicePacket.KIND_PONG;
import static dev.confab.protocol.voice.VoicePacket.MAX_PACKET_BYTES;
import static dev.confab.protocol.voice.VoicePacket.MAX_PAYLOAD_BYTES;

import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectionState;
import dev.confab.protocol.Event;
import dev.confab.protocol.VoiceTunnel;
import dev.confab.protocol.voice.ReplayWindow;
import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice transport of one {@link ChatSession}: it follows the session's voice grants and
 * moves sealed voice packets between this client and the voice server, over UDP when UDP gets
 * through and through the chat connection when it does not. It carries bytes only; capture,
 * Opus and playback sit on top of it.
 *
 * <h2>Grants</h2>
 * Each {@code voice_session} grant brings a session id, a key and an endpoint. A new one (another
 * id or key) starts its uplink sequence at 1 and a fresh downlink replay window; the same one
 * sent again (as after a resume) keeps both, so no sequence is ever used twice under a key. The
 * grant before keeps opening downlink packets for {@link VoiceOptions#previousKeyGrace()} after
 * it was replaced or revoked, for packets already in flight. A revoke, or the end of the chat
 * session, turns voice {@link VoiceTransport#OFF}.
 *
 * <h2>Choosing the transport</h2>
 * On a grant the connection is {@link VoiceTransport#CONNECTING}: it sends one ping through
 * the chat connection (so the server routes our downlink there meanwhile, and nothing said in
 * the first seconds is lost), and a UDP probe at once and every 500 ms. The first UDP pong makes
 * it {@link VoiceTransport#UDP} and sends a plain UDP ping, which moves the server's route to
 * UDP. With no UDP pong within 3 s of the grant it goes {@link VoiceTransport#TUNNEL}: a plain
 * ping through the chat connection at once, then one every second, and a UDP probe (a ping
 * with {@code FLAG_PROBE}, which the server answers over UDP without moving the route) every
 * second; the first UDP pong brings it back to UDP. On UDP it pings every second, and 3 s
 * without a UDP pong sends it to the tunnel again. Pings carry the client's monotonic clock
 * (8 bytes, {@link System#nanoTime()}); their pongs give smoothed round-trip times per path.
 * Pings every second also keep NAT mappings open, so no separate keep-alives are sent.
 *
 * <h2>Threading</h2>
 * Everything runs on the chat session's event loop ({@link ChatSession#eventLoop()}); the UDP
 * channel is registered there too, so grants, tunnelled packets, datagrams and timers never
 * race. Audio and state listeners are called on that loop and must not block. Public methods
 * may be called from any thread and never block.
 */
public final class VoiceConnection {

    private static final Logger log = LoggerFactory.getLogger(VoiceConnection.class);

    private static final long NEVER = Long.MAX_VALUE;
    private static final int PING_PAYLOAD_BYTES = 8;
    private static final long MAX_ROUND_TRIP_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int AUDIO_FLAGS = FLAG_ECHO | FLAG_WHISPER;
    /** Longest base64 text a valid packet makes; anything longer is not decoded at all. */
    private static final int MAX_TUNNEL_CHARS = 4 * ((MAX_PACKET_BYTES + 2) / 3);

    private enum Path { UDP, TUNNEL }

    /** One voice session grant, with the per-key state that must survive a re-sent grant. */
    private static final class Grant {
        final int id;
        final byte[] rawKey;
        final SecretKey key;
        final ReplayWindow downlink = new ReplayWindow();
        String host;
        int port;
        volatile long room;
        volatile int bitrate;
        /** Where UDP goes; null while resolving, or when there is nowhere to send. */
        InetSocketAddress endpoint;
        long nextSequence = 1;

        Grant(Event.VoiceGranted grant, byte[] rawKey) {
            this.id = grant.sessionId();
            this.rawKey = rawKey;
            this.key = VoiceCipher.key(rawKey);
            update(grant);
        }

        boolean sameKey(Event.VoiceGranted grant, byte[] otherKey) {
            return id == grant.sessionId() && MessageDigest.isEqual(rawKey, otherKey);
        }

        boolean sameEndpoint(Event.VoiceGranted grant) {
            return port == grant.port() && Objects.equals(host, grant.host());
        }

        void update(Event.VoiceGranted grant) {
            host = grant.host();
            port = grant.port();
            room = grant.room();
            bitrate = grant.bitrate();
        }
    }

    private final ChatSession session;
    private final VoiceOptions options;
    private final EventLoop loop;
    private final long clockBase = System.nanoTime();
    private final Consumer<Event> eventListener = this::eventArrived;
    private final Consumer<VoiceTunnel> tunnelListener = this::tunnelArrived;
    private final List<AudioListener> audioListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<? super VoiceState>> stateListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // Confined to the loop.
    private final VoiceCipher cipher = new VoiceCipher();
    private final byte[] outgoing = new byte[MAX_PACKET_BYTES];
    private final byte[] incoming = new byte[MAX_PACKET_BYTES];
    private final byte[] opened = new byte[MAX_PACKET_BYTES];
    private final byte[] pingPayload = new byte[PING_PAYLOAD_BYTES];
    private volatile Channel udp;
    private Grant previous;
    private long previousOpensUntil;
    private long udpDeadline = NEVER;
    private long nextUdpPing = NEVER;
    private long nextTunnelPing = NEVER;
    private ScheduledFuture<?> timer;
    private long timerDue = NEVER;
    private boolean shut;

    // Written only on the loop; volatile so that send() and state() may read them anywhere.
    private volatile Grant current;
    private volatile VoiceTransport transport = VoiceTransport.OFF;
    private volatile long udpRoundTripNanos = -1;
    private volatile long tunnelRoundTripNanos = -1;
    private volatile long packetsSent;
    private volatile long packetsReceived;
    private volatile long sendsDropped;
    private volatile long droppedMalformed;
    private volatile long droppedUnknownSession;
    private volatile long droppedReplay;
    private volatile long droppedBadSeal;

    public VoiceConnection(ChatSession session) {
        this(session, VoiceOptions.DEFAULT);
    }

    /**
     * Starts following {@code session}'s voice grants, including one it already has. Binds a UDP
     * socket on an ephemeral port, on the session's event loop; the connection lives until
     * {@link #close()} or until the session ends.
     */
    public VoiceConnection(ChatSession session, VoiceOptions options) {
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
        this.loop = session.eventLoop();
        session.addEventListener(eventListener);
        session.addVoiceTunnelListener(tunnelListener);
        onLoop(this::start);
        session.closeFuture().whenComplete((ended, error) -> onLoop(this::shutDown));
    }

    /** Receives opened downlink audio; see {@link AudioListener}. */
    public void addAudioListener(AudioListener listener) {
        audioListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Receives the current state at once (on the event loop), then a snapshot whenever the
     * transport, the grant or a round-trip time changes (about once a second while granted, with
     * each pong). Counters change far more often and are not announced on their own: they are in
     * each snapshot, and {@link #state()} has them live.
     */
    public void addStateListener(Consumer<? super VoiceState> listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
        onLoop(() -> tell(listener, state()));
    }

    /** The state now, with live counters. */
    public VoiceState state() {
        Grant grant = current;
        VoiceTransport now = transport;
        boolean on = grant != null && now != VoiceTransport.OFF;
        return new VoiceState(now, on ? grant.id : 0, on ? grant.room : 0, on ? grant.bitrate : 0,
                duration(udpRoundTripNanos), duration(tunnelRoundTripNanos), packetsSent, packetsReceived,
                sendsDropped, droppedMalformed, droppedUnknownSession, droppedReplay, droppedBadSeal);
    }

    /**
     * Seals one audio payload with the current grant and sends it on the transport in use (the
     * tunnel while connecting). Copies the payload and returns at once; the sealing and sending
     * happen on the event loop.
     *
     * @param timestamp the 48 kHz sample clock at the frame, relayed unchanged to listeners
     * @param flags     0, {@code VoicePacket.FLAG_ECHO} (send it back to me only) or
     *                  {@code VoicePacket.FLAG_WHISPER} (only to {@code party})
     * @param party     with FLAG_WHISPER, the chat session id to whisper to; otherwise ignored
     * @return false when there is no voice grant (nothing is sent); true when handed over for sending
     * @throws IllegalArgumentException on other flags or a payload over {@value VoicePacket#MAX_PAYLOAD_BYTES} bytes
     */
    public boolean send(byte[] payload, int offset, int length, int timestamp, int flags, long party) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a voice payload is at most " + MAX_PAYLOAD_BYTES + " bytes, not " + length);
        }
        if ((flags & ~AUDIO_FLAGS) != 0) {
            throw new IllegalArgumentException("audio flags may only be FLAG_ECHO and FLAG_WHISPER, not 0x"
                    + Integer.toHexString(flags));
        }
        if (current == null) {
            return false;
        }
        if (loop.inEventLoop()) {
            sendAudio(payload, offset, length, timestamp, flags, party);
            return true;
        }
        byte[] copy = Arrays.copyOfRange(payload, offset, offset + length);
        try {
            loop.execute(() -> sendAudio(copy, 0, length, timestamp, flags, party));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Stops following the session, turns voice off and releases the UDP socket. Completes when
     * the socket is closed. Also happens by itself when the session ends.
     */
    public CompletableFuture<Void> close() {
        onLoop(this::shutDown);
        return closed;
    }

    /** The local UDP address, or null before the socket is bound or after it closed. For tests and diagnostics. */
    public InetSocketAddress localUdpAddress() {
        Channel ch = udp;
        return ch != null && ch.isActive() ? (InetSocketAddress) ch.localAddress() : null;
    }

    // ---- on the loop from here on ----

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The session's own loop is gone (the session ended): nothing else runs on our
            // state any more, so wind down here.
            shutDown();
        }
    }

    private void start() {
        if (shut) {
            return;
        }
        ChannelFuture binding = new Bootstrap()
                .group(loop)
                .channel(NioDatagramChannel.class)
                .handler(new UdpHandler())
                .bind(new InetSocketAddress(0));
        udp = binding.channel();
        binding.addListener(bound -> {
            if (shut) {
                binding.channel().close();
            } else if (!bound.isSuccess()) {
                log.warn("could not open a UDP socket for voice; voice will go through the chat connection only",
                        bound.cause());
                udp = null;
            } else if (current != null && transport != VoiceTransport.UDP) {
                // Pings due while the socket was binding were skipped: send one now.
                nextUdpPing = now();
                tick();
            }
        });
        Event.VoiceGranted existing = session.voiceGrant();
        if (existing != null && current == null) {
            granted(existing);
        }
    }

    private void eventArrived(Event event) {
        if (shut) {
            return;
        }
        if (event instanceof Event.VoiceGranted grant) {
            granted(grant);
        } else if (event instanceof Event.VoiceRevoked revoked) {
            revoked(revoked.sessionId());
        }
    }

    private void granted(Event.VoiceGranted grant) {
        byte[] rawKey;
        try {
            rawKey = Base64.getDecoder().decode(grant.key());
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("ignored a voice grant whose key is not base64");
            return;
        }
        if (rawKey.length != VoiceCipher.KEY_BYTES || grant.sessionId() == 0) {
            log.warn("ignored a voice grant with a {}-byte key or session id {}", rawKey.length, grant.sessionId());
            return;
        }
        Grant same = current != null && current.sameKey(grant, rawKey) ? current
                : previous != null && previous.sameKey(grant, rawKey) ? previous : null;
        if (same == null) {
            if (current != null) {
                retire(current);
            }
            current = new Grant(grant, rawKey);
            log.debug("voice session granted for room {}", grant.room());
            begin(current);
            return;
        }
        // The same session again (a resume sends it again): keep its sequence and replay window.
        boolean moved = !same.sameEndpoint(grant);
        same.update(grant);
        if (same != current) {
            if (current != null) {
                retire(current);
            }
            if (previous == same) {
                previous = null;
            }
            current = same;
            begin(same);
        } else if (moved || transport == VoiceTransport.OFF) {
            begin(same);
        } else {
            if (transport != VoiceTransport.UDP) {
                // Perhaps a new chat connection: point the server's route at it.
                sendPing(Path.TUNNEL, false);
            }
            announce();
        }
    }

    private void revoked(int sessionId) {
        Grant grant = current;
        if (grant == null || grant.id != sessionId) {
            return;
        }
        retire(grant);
        current = null;
        off();
    }

    /** Keeps {@code grant}'s key opening downlink for a while, for packets in flight. */
    private void retire(Grant grant) {
        previous = grant;
        previousOpensUntil = now() + options.previousKeyGrace().toNanos();
    }

    /** Starts choosing a transport for {@code grant}: CONNECTING, a tunnel ping, UDP probes. */
    private void begin(Grant grant) {
        long now = now();
        grant.endpoint = null;
        resolve(grant);
        udpRoundTripNanos = -1;
        tunnelRoundTripNanos = -1;
        transport = VoiceTransport.CONNECTING;
        udpDeadline = now + options.udpTimeout().toNanos();
        nextUdpPing = now;
        nextTunnelPing = now + options.pingInterval().toNanos(); // one goes now, below
        sendPing(Path.TUNNEL, false);
        tick();
        announce();
    }

    private void resolve(Grant grant) {
        if (options.udpOverride() != null) {
            grant.endpoint = options.udpOverride();
            return;
        }
        String host = grant.host;
        int port = grant.port;
        if (host == null || port <= 0 || port > 0xffff) {
            log.warn("the voice grant names no usable UDP endpoint ({}:{}); voice will be tunnelled", host, port);
            return;
        }
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            grant.endpoint = new InetSocketAddress(literal, port);
            return;
        }
        // A host name: resolving may block, so not on the loop.
        CompletableFuture.supplyAsync(() -> new InetSocketAddress(host, port)).whenComplete((address, error) ->
                onLoop(() -> {
                    if (grant != current || shut) {
                        return;
                    }
                    if (error != null || address.isUnresolved()) {
                        log.warn("cannot resolve the voice server {}; voice will be tunnelled", host);
                        return;
                    }
                    grant.endpoint = address;
                    if (transport != VoiceTransport.UDP) {
                        nextUdpPing = now();
                        tick();
                    }
                }));
    }

    private void off() {
        udpDeadline = NEVER;
        nextUdpPing = NEVER;
        nextTunnelPing = NEVER;
        udpRoundTripNanos = -1;
        tunnelRoundTripNanos = -1;
        boolean changed = transport != VoiceTransport.OFF;
        transport = VoiceTransport.OFF;
        reschedule(now());
        if (changed) {
            announce();
        }
    }

    /** Runs whatever is due (pings, the UDP deadline, the old key's expiry) and sets the timer for what is next. */
    private void tick() {
        if (timer != null) {
            // Called directly rather than by the timer: the next tick is scheduled anew below.
            timer.cancel(false);
            timer = null;
        }
        timerDue = NEVER;
        if (shut) {
            return;
        }
        long now = now();
        if (previous != null && now >= previousOpensUntil) {
            previous = null;
        }
        if (current != null) {
            if ((transport == VoiceTransport.CONNECTING || transport == VoiceTransport.UDP) && now >= udpDeadline) {
                toTunnel(now);
            }
            if (now >= nextUdpPing) {
                sendPing(Path.UDP, transport != VoiceTransport.UDP);
                nextUdpPing = now + (transport == VoiceTransport.CONNECTING
                        ? options.connectingPingInterval() : options.pingInterval()).toNanos();
            }
            if (now >= nextTunnelPing) {
                // Through the chat connection too, as a probe unless it is the route: the state
                // shows the TCP round trip beside the UDP one, and the tunnel is known to work.
                sendPing(Path.TUNNEL, transport != VoiceTransport.TUNNEL);
                nextTunnelPing = now + options.pingInterval().toNanos();
            }
        }
        reschedule(now);
    }

    private void reschedule(long now) {
        long due = current == null ? NEVER : Math.min(udpDeadline, Math.min(nextUdpPing, nextTunnelPing));
        if (previous != null) {
            due = Math.min(due, previousOpensUntil);
        }
        if (due == timerDue) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerDue = due;
        if (due != NEVER) {
            timer = loop.schedule(this::tick, Math.max(0, due - now), TimeUnit.NANOSECONDS);
        }
    }

    private void toTunnel(long now) {
        log.info("voice over UDP got no answer for {} ms; tunnelling it through the chat connection",
                options.udpTimeout().toMillis());
        transport = VoiceTransport.TUNNEL;
        udpDeadline = NEVER;
        sendPing(Path.TUNNEL, false);
        nextTunnelPing = now + options.pingInterval().toNanos();
        nextUdpPing = now + options.pingInterval().toNanos();
        announce();
    }

    private void toUdp(long now) {
        if (transport == VoiceTransport.TUNNEL) {
            log.info("UDP answers again; voice goes back to UDP");
        }
        transport = VoiceTransport.UDP;
        // A plain ping moves the server's route for our downlink to UDP.
        sendPing(Path.UDP, false);
        nextUdpPing = now + options.pingInterval().toNanos();
        udpDeadline = now + options.udpTimeout().toNanos();
        announce();
    }

    private void sendPing(Path path, boolean probe) {
        Grant grant = current;
        if (grant == null || !usable(path, grant)) {
            return;
        }
        long clock = System.nanoTime();
        for (int i = 0; i < PING_PAYLOAD_BYTES; i++) {
            pingPayload[i] = (byte) (clock >>> (56 - 8 * i));
        }
        sendPacket(grant, path, 0, KIND_PING | (probe ? FLAG_PROBE : 0), 0, pingPayload, 0, PING_PAYLOAD_BYTES);
    }

    private void sendAudio(byte[] payload, int offset, int length, int timestamp, int flags, long party) {
        Grant grant = current;
        if (grant == null || shut) {
            sendsDropped++;
            return;
        }
        Path first = transport == VoiceTransport.UDP ? Path.UDP : Path.TUNNEL;
        Path second = first == Path.UDP ? Path.TUNNEL : Path.UDP;
        Path path = usable(first, grant) ? first : usable(second, grant) ? second : null;
        if (path == null) {
            sendsDropped++;
            return;
        }
        sendPacket(grant, path, timestamp, KIND_AUDIO | flags, party, payload, offset, length);
    }

    private boolean usable(Path path, Grant grant) {
        if (path == Path.UDP) {
            Channel ch = udp;
            return ch != null && ch.isActive() && grant.endpoint != null;
        }
        return session.state() == ConnectionState.ONLINE;
    }

    private void sendPacket(Grant grant, Path path, int timestamp, int flags, long party, byte[] payload, int offset,
            int length) {
        long sequence = grant.nextSequence++;
        int header = VoicePacket.writeHeader(outgoing, 0, grant.id, sequence, timestamp, flags, party);
        int packetLength = cipher.seal(grant.key, outgoing, 0, header, payload, offset, length);
        boolean sent;
        if (path == Path.UDP) {
            Channel ch = udp;
            sent = ch.isWritable();
            if (sent) {
                ByteBuf bytes = ch.alloc().buffer(packetLength).writeBytes(outgoing, 0, packetLength);
                ch.writeAndFlush(new DatagramPacket(bytes, grant.endpoint), ch.voidPromise());
            }
        } else {
            ByteBuffer encoded = Base64.getEncoder().encode(ByteBuffer.wrap(outgoing, 0, packetLength));
            sent = session.sendVoiceTunnel(new VoiceTunnel(StandardCharsets.ISO_8859_1.decode(encoded).toString()));
        }
        if (sent) {
            packetsSent++;
        } else {
            sendsDropped++;
        }
    }

    private void tunnelArrived(VoiceTunnel tunnelled) {
        if (shut) {
            return;
        }
        String text = tunnelled.packet();
        if (text == null || text.length() > MAX_TUNNEL_CHARS) {
            droppedMalformed++;
            return;
        }
        int length;
        try {
            length = Base64.getDecoder().decode(text.getBytes(StandardCharsets.ISO_8859_1), incoming);
        } catch (IllegalArgumentException e) {
            droppedMalformed++;
            return;
        }
        if (length > 0) {
            downlink(incoming, length, Path.TUNNEL);
        }
    }

    /** Checks, opens and hands on one packet from the server, whichever way it came. */
    private void downlink(byte[] packet, int length, Path path) {
        int header = VoicePacket.validate(packet, 0, length);
        if (header < 0 || (VoicePacket.flags(packet, 0) & FLAG_DOWNLINK) == 0) {
            droppedMalformed++;
            return;
        }
        int id = VoicePacket.session(packet, 0);
        Grant grant = current;
        if (grant == null || grant.id != id) {
            grant = previous != null && previous.id == id && now() < previousOpensUntil ? previous : null;
        }
        if (grant == null) {
            droppedUnknownSession++;
            return;
        }
        long sequence = VoicePacket.sequence(packet, 0);
        if (!grant.downlink.isFresh(sequence)) {
            droppedReplay++;
            return;
        }
        int payloadLength = cipher.open(grant.key, packet, 0, length, header, opened, 0);
        if (payloadLength < 0) {
            droppedBadSeal++;
            return;
        }
        grant.downlink.accept(sequence);
        packetsReceived++;
        int flags = VoicePacket.flags(packet, 0);
        switch (flags & KIND_MASK) {
            case KIND_AUDIO -> deliverAudio(VoicePacket.party(packet, 0), VoicePacket.timestamp(packet, 0),
                    flags & AUDIO_FLAGS, Arrays.copyOf(opened, payloadLength));
            case KIND_PONG -> {
                if (grant == current) {
                    ponged(path, payloadLength);
                }
            }
            default -> log.debug("ignored a ping from the voice server");
        }
    }

    private void deliverAudio(long speaker, int timestamp, int flags, byte[] payload) {
        for (AudioListener listener : audioListeners) {
            try {
                listener.audio(speaker, timestamp, flags, payload);
            } catch (RuntimeException e) {
                log.warn("an audio listener failed", e);
            }
        }
    }

    private void ponged(Path path, int payloadLength) {
        if (payloadLength != PING_PAYLOAD_BYTES) {
            return;
        }
        long sentAt = 0;
        for (int i = 0; i < PING_PAYLOAD_BYTES; i++) {
            sentAt = sentAt << 8 | (opened[i] & 0xff);
        }
        long roundTrip = System.nanoTime() - sentAt;
        if (roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_NANOS) {
            return;
        }
        long now = now();
        if (path == Path.UDP) {
            udpRoundTripNanos = smoothed(udpRoundTripNanos, roundTrip);
            if (transport == VoiceTransport.UDP) {
                udpDeadline = now + options.udpTimeout().toNanos();
                announce();
            } else {
                toUdp(now);
            }
            reschedule(now);
        } else {
            tunnelRoundTripNanos = smoothed(tunnelRoundTripNanos, roundTrip);
            announce();
        }
    }

    /** TCP's smoothing: each sample moves the estimate an eighth of the way. */
    private static long smoothed(long estimate, long sample) {
        return estimate < 0 ? sample : estimate + (sample - estimate) / 8;
    }

    private void announce() {
        if (stateListeners.isEmpty()) {
            return;
        }
        VoiceState snapshot = state();
        for (Consumer<? super VoiceState> listener : stateListeners) {
            tell(listener, snapshot);
        }
    }

    private static void tell(Consumer<? super VoiceState> listener, VoiceState snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            log.warn("a voice state listener failed", e);
        }
    }

    private void shutDown() {
        if (shut) {
            return;
        }
        session.removeEventListener(eventListener);
        session.removeVoiceTunnelListener(tunnelListener);
        current = null;
        previous = null;
        off();
        shut = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        Channel ch = udp;
        udp = null;
        if (ch != null && loop.inEventLoop()) {
            // On the loop the close completes, and calls back, right here or from a task the
            // loop still runs, even while it shuts down.
            ch.close().addListener(done -> closed.complete(null));
            return;
        }
        if (ch != null) {
            // The loop is gone or going: the group closes its channels as it terminates.
            ch.close();
        }
        closed.complete(null);
    }

    private long now() {
        return System.nanoTime() - clockBase;
    }

    private static Duration duration(long nanos) {
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /** Datagrams from the voice server. Zero-length ones are keep-alives. */
    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            if (shut) {
                return;
            }
            ByteBuf content = datagram.content();
            int length = content.readableBytes();
            if (length == 0) {
                return;
            }
            if (length > MAX_PACKET_BYTES) {
                droppedMalformed++;
                return;
            }
            content.getBytes(content.readerIndex(), incoming, 0, length);
            downlink(incoming, length, Path.UDP);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP errors and the like: UDP is best effort, and the pings notice real trouble.
            log.debug("voice UDP socket error: {}", cause.toString());
        }
    }
}
