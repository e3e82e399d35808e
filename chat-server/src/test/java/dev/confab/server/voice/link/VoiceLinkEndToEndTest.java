package dev.confab.server.voice.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.voice.VoiceServerConfig;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.control.TunnelPeer;
import dev.confab.voice.link.LinkTransport;
import dev.confab.voice.link.UdpPinger;
import dev.confab.voice.link.VoiceNode;
import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat node's link driving a real voice node: sessions opened over the link answer real
 * sealed UDP pings, closed ones do not, tunnelled pings come back through the tunnel peer, and a
 * voice node restarted on the same ports is never sent a key it had before: those sessions are
 * reported lost, and only sessions opened while it was away are sent.
 */
class VoiceLinkEndToEndTest {
    static final SecureRandom RANDOM = new SecureRandom();

    record Delivered(int sessionId, byte[] packet) {
    }

    EventLoopGroup group;
    VoiceNode node;
    VoiceLink link;
    final BlockingQueue<Delivered> tunnelled = new LinkedBlockingQueue<>();
    final TunnelPeer tunnel = (sessionId, packet, length) ->
            tunnelled.add(new Delivered(sessionId, Arrays.copyOf(packet, length)));
    final BlockingQueue<List<Integer>> lost = new LinkedBlockingQueue<>();
    LogLines log;

    @BeforeEach
    void start() throws Exception {
        log = new LogLines();
        group = LinkTransport.newGroup(1, "test-link");
        node = VoiceNode.start(new VoiceServerConfig("127.0.0.1", 0, 1), "127.0.0.1", 0, VoiceLinkTest.SECRET, null);
        link = new VoiceLink("127.0.0.1", node.linkPort(), VoiceLinkTest.SECRET, tunnel, lost::add, group);
        link.connected().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        link.close();
        node.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        log.close();
    }

    @Test
    void aSessionOpenedOverTheLinkAnswersUdpAndStopsWhenClosed() throws Exception {
        assertThat(link.endpoint()).isEqualTo(new VoiceLink.Endpoint(null, node.udpPort()));
        SessionSpec spec = spec();
        try (UdpPinger client = new UdpPinger(spec.sessionId(), spec.key(), node.udpPort())) {
            link.open(spec);
            barrier();
            UdpPinger.Pong pong = client.roundTrip(4242, 3000);
            assertThat(pong).isNotNull();
            assertThat(pong.clock()).isEqualTo(4242);

            link.close(spec.sessionId());
            barrier();
            assertThat(client.roundTrip(1, 300)).as("a pong under a closed key").isNull();
        }
        assertThat(log.holdsNone(VoiceLinkTest.SECRET, spec.key())).isTrue();
    }

    @Test
    void aTunnelledPingComesBackThroughTheTunnelPeer() throws Exception {
        SessionSpec spec = spec();
        try (UdpPinger client = new UdpPinger(spec.sessionId(), spec.key(), node.udpPort())) {
            link.open(spec);
            link.tunnelled(client.ping(77));
            Delivered back = tunnelled.poll(5, TimeUnit.SECONDS);
            assertThat(back).isNotNull();
            assertThat(back.sessionId()).isEqualTo(spec.sessionId());
            assertThat(client.open(back.packet(), back.packet().length).clock()).isEqualTo(77);
            assertThat(link.stats().get(5, TimeUnit.SECONDS).sessions()).singleElement()
                    .satisfies(session -> assertThat(session.transport()).isEqualTo("tunnel"));
        }
    }

    @Test
    void aVoiceNodeRestartedOnItsPortsIsNeverSentAnOldKey() throws Exception {
        SessionSpec muted = spec();
        SessionSpec talking = spec();
        SessionSpec closed = spec();
        SessionSpec later = spec();
        try (UdpPinger first = new UdpPinger(muted.sessionId(), muted.key(), node.udpPort());
                UdpPinger second = new UdpPinger(talking.sessionId(), talking.key(), node.udpPort());
                UdpPinger third = new UdpPinger(later.sessionId(), later.key(), node.udpPort())) {
            link.open(muted);
            link.open(talking);
            link.open(closed);
            link.setState(muted.sessionId(), true, false);
            barrier();
            assertThat(first.roundTrip(1, 3000)).isNotNull();
            assertThat(second.roundTrip(1, 3000)).isNotNull();

            int udpPort = node.udpPort();
            int linkPort = node.linkPort();
            node.close();
            awaitDown();
            // Closed meanwhile: not lost, just gone. Opened meanwhile: sent once the node is back.
            link.close(closed.sessionId());
            link.open(later);
            node = VoiceNode.start(new VoiceServerConfig("127.0.0.1", udpPort, 1), "127.0.0.1", linkPort,
                    VoiceLinkTest.SECRET, null);
            link.connected().get(5, TimeUnit.SECONDS);
            assertThat(lost.poll(5, TimeUnit.SECONDS)).as("the sessions whose keys the node had")
                    .containsExactly(muted.sessionId(), talking.sessionId());
            link.setState(muted.sessionId(), false, false);
            barrier();
            assertThat(node.sessions()).as("no old key reaches the restarted node").isEqualTo(1);
            assertThat(first.roundTrip(2, 300)).isNull();
            assertThat(second.roundTrip(2, 300)).isNull();
            assertThat(third.roundTrip(1, 3000)).as("the session opened while the node was away").isNotNull();
            assertThat(link.stats().get(5, TimeUnit.SECONDS).sessions()).singleElement()
                    .satisfies(session -> assertThat(session.session()).isEqualTo(later.chatSession()));
            assertThat(lost).isEmpty();
        }
    }

    /** Returns once every call made before it has reached the relay: the link keeps order. */
    private void barrier() throws Exception {
        link.stats().get(5, TimeUnit.SECONDS);
    }

    private void awaitDown() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (link.isUp() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(link.isUp()).isFalse();
    }

    static SessionSpec spec() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SessionSpec(RANDOM.nextInt() | 1, key, RANDOM.nextLong(), "bob", 5, 32_000, false, false, false);
    }
}
