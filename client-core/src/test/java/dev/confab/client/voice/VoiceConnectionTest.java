package dev.confab.client.voice;

import static dev.confab.protocol.voice.VoicePacket.FLAG_DOWNLINK;
import static dev.confab.protocol.voice.VoicePacket.FLAG_ECHO;
import static dev.confab.protocol.voice.VoicePacket.FLAG_WHISPER;
import static dev.confab.protocol.voice.VoicePacket.KIND_AUDIO;
import static dev.confab.protocol.voice.VoicePacket.KIND_PING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.client.chat.Await;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.chat.ConnectionState;
import dev.confab.client.chat.FakeChatServer;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.Event;
import dev.confab.protocol.VoiceTunnel;
import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The voice transport against the fake chat server (real TLS) and a fake relay (real UDP):
 * choosing UDP, falling back to the tunnel and coming back, grants, and downlink checks. Uses
 * the real 3 s timeout, three times.
 */
class VoiceConnectionTest {

    /** The chat session id the fake chat server gives the first login. */
    private static final long ME = 1;

    private record Heard(long speaker, int timestamp, int flags, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static SelfSignedCertificate certificate;

    private FakeChatServer server;
    private FakeRelay relay;
    private UdpFirewall firewall;
    private Event.VoiceGranted grant;
    private ChatSession session;
    private VoiceConnection voice;
    private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    private final List<VoiceState> states = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = FakeChatServer.newCertificate();
    }

    @AfterAll
    static void deleteCertificate() {
        certificate.delete();
    }

    @BeforeEach
    void start() throws Exception {
        server = FakeChatServer.tls(certificate);
        relay = new FakeRelay();
        relay.attachTunnel(server);
        grant = relay.grant(ME, 1, 24_000);
        server.grantVoiceOnLogin(grant);
        ConnectOptions options = ConnectOptions.builder(server.address(), TrustPolicy.pinned(server.fingerprint()))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        session = new ChatSession(options);
    }

    @AfterEach
    void stop() throws Exception {
        if (voice != null) {
            Await.result(voice.close());
        }
        session.logout().exceptionally(error -> null).get(5, TimeUnit.SECONDS);
        server.close();
        relay.close();
        if (firewall != null) {
            firewall.close();
        }
    }

    private VoiceConnection newVoice(VoiceOptions options) {
        voice = new VoiceConnection(session, options);
        voice.addStateListener(states::add);
        voice.addAudioListener((speaker, timestamp, flags, payload) -> heard.add(new Heard(speaker, timestamp, flags, payload)));
        return voice;
    }

    private void login() throws Exception {
        Await.result(session.login("ann", "correct horse"));
    }

    /** Waits for {@code wanted} and returns how long that took from {@code since} (System.nanoTime). */
    private Duration awaitTransport(VoiceTransport wanted, Duration limit, long since) throws InterruptedException {
        Await.until("transport " + wanted + " (now " + voice.state() + ")", limit, () -> voice.state().transport() == wanted);
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private Heard nextHeard() throws InterruptedException {
        Heard next = heard.poll(5, TimeUnit.SECONDS);
        assertThat(next).as("audio within 5 s").isNotNull();
        return next;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code text} as an echo and checks it came back, and which way it went up. */
    private void echoGoesAndComesBack(String text, String path) throws Exception {
        byte[] payload = bytes(text);
        assertThat(voice.send(payload, 0, payload.length, 4800, FLAG_ECHO, 0)).isTrue();
        Heard echo = nextHeard();
        assertThat(echo.text()).isEqualTo(text);
        assertThat(echo.speaker()).isEqualTo(ME);
        assertThat(echo.flags()).isEqualTo(FLAG_ECHO);
        assertThat(echo.timestamp()).isEqualTo(4800);
        FakeRelay.Uplink up = relay.awaitUplink(u -> u.kind() == KIND_AUDIO && Arrays.equals(u.payload(), payload));
        assertThat(up.path()).isEqualTo(path);
    }

    @Test
    void whenUdpAnswersVoiceGoesOverUdpWithinAFractionOfASecond() throws Exception {
        login();
        // The grant is an event that may trail the login reply; this test is about a grant the
        // session already holds when the connection is made.
        Await.until("the session holds its voice grant", () -> session.voiceGrant() != null);
        long granted = System.nanoTime();
        newVoice(VoiceOptions.DEFAULT);

        Duration took = awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(2), granted);

        assertThat(took).isLessThan(Duration.ofMillis(500));
        VoiceState state = voice.state();
        assertThat(state.sessionId()).isEqualTo(grant.sessionId());
        assertThat(state.room()).isEqualTo(1);
        assertThat(state.bitrate()).isEqualTo(24_000);
        assertThat(state.udpRoundTrip()).isNotNull().isPositive().isLessThan(Duration.ofMillis(500));
        assertThat(state.roundTrip()).isEqualTo(state.udpRoundTrip());
        assertThat(states.get(0).transport()).isEqualTo(VoiceTransport.CONNECTING);
        Await.until("the relay routes downlink over UDP", () -> "udp".equals(relay.route(grant.sessionId())));

        echoGoesAndComesBack("hello over udp", "udp");
        byte[] secret = bytes("psst");
        assertThat(voice.send(secret, 0, secret.length, 9600, FLAG_WHISPER, 42)).isTrue();
        FakeRelay.Uplink whisper = relay.awaitUplink(u -> Arrays.equals(u.payload(), secret));
        assertThat(whisper.flags()).isEqualTo(KIND_AUDIO | FLAG_WHISPER);
        assertThat(whisper.party()).isEqualTo(42);
        assertThat(whisper.path()).isEqualTo("udp");

        assertThat(relay.sendAudio(grant.sessionId(), 9, 960, bytes("from bob"))).isTrue();
        Heard fromBob = nextHeard();
        assertThat(fromBob.speaker()).isEqualTo(9);
        assertThat(fromBob.flags()).isZero();
        assertThat(fromBob.text()).isEqualTo("from bob");

        // One sequence per key, from 1, never twice: the first packet was the tunnel ping.
        List<FakeRelay.Uplink> uplinks = relay.uplinks();
        assertThat(uplinks).extracting(FakeRelay.Uplink::sequence).doesNotHaveDuplicates().contains(1L);
        assertThat(uplinks).filteredOn(u -> u.sequence() == 1).singleElement()
                .satisfies(u -> assertThat(u.path()).isEqualTo("tunnel"));
        assertThat(relay.replays()).isZero();
        assertThat(voice.state().packetsSent()).isGreaterThanOrEqualTo(uplinks.size());
        assertThat(voice.state().droppedTotal()).isZero();
    }

    @Test
    void whenUdpIsBlockedVoiceIsTunnelledWithinThreeSecondsAndGoesBackWhenUdpOpens() throws Exception {
        firewall = new UdpFirewall(relay.address(), false);
        newVoice(VoiceOptions.DEFAULT.withUdpOverride(firewall.address())); // before login: it gets the grant event
        login();
        long granted = System.nanoTime();

        // While connecting, voice already flows through the chat connection: nothing said is lost.
        awaitTransport(VoiceTransport.CONNECTING, Duration.ofSeconds(2), granted);
        echoGoesAndComesBack("said while connecting", "tunnel");

        Duration took = awaitTransport(VoiceTransport.TUNNEL, Duration.ofSeconds(5), granted);
        assertThat(took).isBetween(Duration.ofMillis(2900), Duration.ofMillis(4000));
        Await.until("a tunnel round trip", () -> voice.state().tunnelRoundTrip() != null);
        assertThat(voice.state().udpRoundTrip()).isNull();
        assertThat(relay.route(grant.sessionId())).isEqualTo("tunnel");
        echoGoesAndComesBack("hello through the tunnel", "tunnel");
        assertThat(relay.sendAudio(grant.sessionId(), 9, 960, bytes("from bob"))).isTrue();
        assertThat(nextHeard().text()).isEqualTo("from bob");

        // UDP is still probed every second, without moving the route.
        int seen = relay.uplinks().size();
        firewall.open(true);
        long opened = System.nanoTime();
        FakeRelay.Uplink probe = relay.awaitUplink(u -> u.path().equals("udp"), seen, Duration.ofSeconds(3));
        assertThat(probe.kind()).isEqualTo(KIND_PING);
        assertThat(probe.probe()).isTrue();

        took = awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(3), opened);
        assertThat(took).isLessThan(Duration.ofMillis(1500));
        Await.until("the relay routes downlink over UDP again", () -> "udp".equals(relay.route(grant.sessionId())));
        echoGoesAndComesBack("back on udp", "udp");
        assertThat(states).extracting(VoiceState::transport).containsSubsequence(
                VoiceTransport.CONNECTING, VoiceTransport.TUNNEL, VoiceTransport.UDP);
        assertThat(relay.replays()).isZero();
    }

    @Test
    void whenUdpDiesMidCallVoiceMovesIntoTheTunnel() throws Exception {
        newVoice(VoiceOptions.DEFAULT);
        login();
        awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(2), System.nanoTime());
        echoGoesAndComesBack("on udp", "udp");

        relay.silent(true);
        long silenced = System.nanoTime();
        Duration took = awaitTransport(VoiceTransport.TUNNEL, Duration.ofSeconds(5), silenced);

        // 3 s after the last pong, which came at most a second before the silence.
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(4000));
        Await.until("the relay routes downlink through the tunnel", () -> "tunnel".equals(relay.route(grant.sessionId())));
        echoGoesAndComesBack("in the tunnel now", "tunnel");
    }

    @Test
    void aNewGrantStartsItsKeyAtSequenceOneAndTheOldKeyOpensOnlyBriefly() throws Exception {
        newVoice(VoiceOptions.DEFAULT.withPreviousKeyGrace(Duration.ofSeconds(1)));
        login();
        awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(2), System.nanoTime());
        echoGoesAndComesBack("first room", "udp");
        byte[] lateFromOldRoom = relay.downlink(grant.sessionId(), KIND_AUDIO, 9, 0, bytes("late"));
        byte[] laterFromOldRoom = relay.downlink(grant.sessionId(), KIND_AUDIO, 9, 960, bytes("too late"));

        Event.VoiceGranted second = relay.grant(ME, 2, 48_000);
        server.sendToAll(new Event.VoiceRevoked(grant.sessionId()));
        server.sendToAll(second);

        Await.until("the second grant over UDP", () -> voice.state().sessionId() == second.sessionId()
                && voice.state().transport() == VoiceTransport.UDP);
        assertThat(voice.state().room()).isEqualTo(2);
        assertThat(voice.state().bitrate()).isEqualTo(48_000);
        assertThat(relay.awaitUplink(u -> u.session() == second.sessionId() && u.sequence() == 1)).isNotNull();
        assertThat(states).extracting(VoiceState::transport).contains(VoiceTransport.OFF);
        echoGoesAndComesBack("second room", "udp");

        relay.sendUdp(lateFromOldRoom);
        Heard late = nextHeard();
        assertThat(late.text()).isEqualTo("late");
        Thread.sleep(1100);
        relay.sendUdp(laterFromOldRoom);
        Await.until("the old key no longer opens", () -> voice.state().droppedUnknownSession() == 1);
        assertThat(heard).isEmpty();

        // A resume sends the same grant again: its sequence goes on, nothing is reused.
        server.grantVoiceOnLogin(second);
        AtomicInteger grants = new AtomicInteger();
        session.addEventListener(event -> {
            if (event instanceof Event.VoiceGranted) {
                grants.incrementAndGet();
            }
        });
        long highest = relay.uplinks().stream().filter(u -> u.session() == second.sessionId())
                .mapToLong(FakeRelay.Uplink::sequence).max().orElseThrow();
        session.current().dropAbruptly();
        Await.until("the grant sent again on resume", () -> grants.get() == 1);
        assertThat(session.state()).isEqualTo(ConnectionState.ONLINE);
        assertThat(voice.state().transport()).isEqualTo(VoiceTransport.UDP);
        byte[] after = bytes("after the resume");
        assertThat(voice.send(after, 0, after.length, 0, 0, 0)).isTrue();
        FakeRelay.Uplink up = relay.awaitUplink(u -> Arrays.equals(u.payload(), after));
        assertThat(up.session()).isEqualTo(second.sessionId());
        assertThat(up.sequence()).isGreaterThan(highest);
        assertThat(relay.replays()).isZero();
    }

    @Test
    void forgedReplayedAndMalformedDownlinkIsDroppedAndCounted() throws Exception {
        newVoice(VoiceOptions.DEFAULT);
        login();
        awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(2), System.nanoTime());
        Await.until("the relay knows our address", () -> relay.lastClient() != null);
        int id = grant.sessionId();

        byte[] good = relay.downlink(id, KIND_AUDIO, 5, 100, bytes("genuine"));
        relay.sendUdp(good);
        assertThat(nextHeard().text()).isEqualTo("genuine");

        relay.sendUdp(good);
        byte[] badTag = relay.downlink(id, KIND_AUDIO, 5, 200, bytes("forged"));
        badTag[badTag.length - 1] ^= 1;
        relay.sendUdp(badTag);
        byte[] changedHeader = relay.downlink(id, KIND_AUDIO, 5, 300, bytes("restamped"));
        changedHeader[VoicePacket.TIMESTAMP_OFFSET] ^= 1;
        relay.sendUdp(changedHeader);
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xff);
        relay.sendUdp(garbage);
        relay.sendUdp(uplinkShaped(id));
        relay.sendUdp(otherSession(id + 1));
        relay.sendUdp(new byte[0]); // a keep-alive: ignored, not counted

        Await.until("UDP drops counted (" + voice.state() + ")", () -> {
            VoiceState s = voice.state();
            return s.droppedReplay() == 1 && s.droppedBadSeal() == 2 && s.droppedMalformed() == 2
                    && s.droppedUnknownSession() == 1;
        });

        // The same checks apply to what comes through the chat connection.
        server.sendToAll(new VoiceTunnel(Base64.getEncoder().encodeToString(good)));
        server.sendToAll(new VoiceTunnel("this is not base64!"));
        server.sendToAll(new VoiceTunnel(Base64.getEncoder().encodeToString(new byte[VoicePacket.MAX_PACKET_BYTES + 3])));
        byte[] tunnelled = relay.downlink(id, KIND_AUDIO | FLAG_WHISPER, 6, 400, bytes("whispered"));
        server.sendToAll(new VoiceTunnel(Base64.getEncoder().encodeToString(tunnelled)));

        Heard whisper = nextHeard();
        assertThat(whisper.text()).isEqualTo("whispered");
        assertThat(whisper.flags()).isEqualTo(FLAG_WHISPER);
        assertThat(whisper.speaker()).isEqualTo(6);
        VoiceState s = voice.state();
        assertThat(s.droppedReplay()).isEqualTo(2);
        assertThat(s.droppedMalformed()).isEqualTo(4);
        assertThat(s.droppedBadSeal()).isEqualTo(2);
        assertThat(s.droppedUnknownSession()).isEqualTo(1);
        assertThat(s.droppedTotal()).isEqualTo(9);
        assertThat(heard).isEmpty();
        assertThat(voice.state().transport()).isEqualTo(VoiceTransport.UDP);
    }

    /** A packet a client would send (no downlink flag), correctly sealed under the session's key. */
    private byte[] uplinkShaped(int id) {
        byte[] packet = new byte[VoicePacket.MAX_PACKET_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, id, 1000, 0, KIND_AUDIO, 0);
        byte[] payload = bytes("sideways");
        int length = new VoiceCipher().seal(key(), packet, 0, header, payload, 0, payload.length);
        return Arrays.copyOf(packet, length);
    }

    private byte[] otherSession(int otherId) {
        byte[] packet = new byte[VoicePacket.MAX_PACKET_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, otherId, 1, 0, KIND_AUDIO | FLAG_DOWNLINK, 5);
        byte[] payload = bytes("not for you");
        int length = new VoiceCipher().seal(key(), packet, 0, header, payload, 0, payload.length);
        return Arrays.copyOf(packet, length);
    }

    private javax.crypto.SecretKey key() {
        return VoiceCipher.key(Base64.getDecoder().decode(grant.key()));
    }

    @Test
    void aRevokeTurnsVoiceOffAndStopsSending() throws Exception {
        newVoice(VoiceOptions.DEFAULT);
        login();
        awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(2), System.nanoTime());

        server.sendToAll(new Event.VoiceRevoked(grant.sessionId()));
        awaitTransport(VoiceTransport.OFF, Duration.ofSeconds(2), System.nanoTime());

        VoiceState off = voice.state();
        assertThat(off.sessionId()).isZero();
        assertThat(off.roundTrip()).isNull();
        assertThat(voice.send(bytes("anyone?"), 0, 7, 0, 0, 0)).isFalse();
        int sent = relay.uplinks().size();
        Thread.sleep(1200);
        assertThat(relay.uplinks()).hasSize(sent);
        assertThat(states.get(states.size() - 1).transport()).isEqualTo(VoiceTransport.OFF);
    }

    @Test
    void closeReleasesTheSocketAndLogoutEndsVoice() throws Exception {
        newVoice(VoiceOptions.DEFAULT);
        login();
        awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(2), System.nanoTime());
        InetSocketAddress local = voice.localUdpAddress();
        assertThat(local).isNotNull();

        Await.result(voice.close());
        voice = null;

        assertThat(states.get(states.size() - 1).transport()).isEqualTo(VoiceTransport.OFF);
        // NIO releases a selectable channel's port at the selector's next pass: allow it a moment.
        Await.until("the UDP port is free again", () -> {
            try (DatagramSocket again = new DatagramSocket(local.getPort())) {
                return again.getLocalPort() == local.getPort();
            } catch (SocketException e) {
                return false;
            }
        });

        // A second connection on the same session; the session's end takes it down too.
        VoiceConnection another = newVoice(VoiceOptions.DEFAULT);
        awaitTransport(VoiceTransport.UDP, Duration.ofSeconds(2), System.nanoTime());
        Await.result(session.logout());
        Await.result(another.close());
        assertThat(another.state().transport()).isEqualTo(VoiceTransport.OFF);
        assertThat(another.localUdpAddress()).isNull();
        assertThat(another.send(bytes("x"), 0, 1, 0, 0, 0)).isFalse();
    }

    @Test
    void sendChecksItsArguments() throws Exception {
        newVoice(VoiceOptions.DEFAULT);
        assertThat(voice.send(new byte[10], 0, 10, 0, 0, 0)).as("no grant yet").isFalse();
        assertThatThrownBy(() -> voice.send(new byte[10], 0, 10, 0, VoicePacket.FLAG_PROBE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> voice.send(new byte[2000], 0, 2000, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> voice.send(new byte[10], 5, 10, 0, 0, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
