package dev.confab.voice.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.voice.VoiceServerConfig;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.link.LinkFrame.Close;
import dev.confab.voice.link.LinkFrame.Open;
import dev.confab.voice.link.LinkFrame.StatsReply;
import dev.confab.voice.link.LinkFrame.StatsRequest;
import dev.confab.voice.link.LinkFrame.TunnelIn;
import dev.confab.voice.link.LinkFrame.TunnelOut;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real voice node (UDP relay and link port) driven over a real link, pinged over real UDP. */
class VoiceNodeTest {
    static final SecureRandom RANDOM = new SecureRandom();
    VoiceNode node;
    LogCapture log;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        node = VoiceNode.start(new VoiceServerConfig("127.0.0.1", 0, 1), "127.0.0.1", 0, LinkServerTest.SECRET, null);
    }

    @AfterEach
    void stop() {
        node.close();
        log.close();
    }

    @Test
    void aSessionOpenedOverTheLinkIsPongedAndStopsWorkingWhenClosed() throws Exception {
        SessionSpec spec = spec();
        try (RawLinkClient chat = RawLinkClient.connect(node.linkPort(), LinkServerTest.SECRET);
                UdpPinger client = new UdpPinger(spec.sessionId(), spec.key(), node.udpPort())) {
            assertThat(chat.hello.udpPort()).isEqualTo(node.udpPort());
            assertThat(chat.hello.udpHost()).isNull();
            chat.send(new Open(spec));
            barrier(chat);
            UdpPinger.Pong pong = client.roundTrip(1234, 3000);
            assertThat(pong).isNotNull();
            assertThat(pong.clock()).isEqualTo(1234);

            chat.send(new Close(spec.sessionId()));
            barrier(chat);
            assertThat(client.roundTrip(5678, 300)).as("a pong under a closed key").isNull();
        }
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("voice node: relay on UDP " + node.udpPort()));
        LinkServerTest.assertNoSecretIn(log.lines(), LinkServerTest.SECRET, spec.key());
    }

    @Test
    void aDroppedLinkStopsItsKeys() throws Exception {
        SessionSpec spec = spec();
        try (UdpPinger client = new UdpPinger(spec.sessionId(), spec.key(), node.udpPort())) {
            RawLinkClient chat = RawLinkClient.connect(node.linkPort(), LinkServerTest.SECRET);
            chat.send(new Open(spec));
            barrier(chat);
            assertThat(client.roundTrip(1, 3000)).isNotNull();
            chat.close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (node.sessions() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(client.roundTrip(2, 300)).isNull();
        }
    }

    @Test
    void aTunnelledPingComesBackOverTheLink() throws Exception {
        SessionSpec spec = spec();
        try (RawLinkClient chat = RawLinkClient.connect(node.linkPort(), LinkServerTest.SECRET);
                UdpPinger client = new UdpPinger(spec.sessionId(), spec.key(), node.udpPort())) {
            chat.send(new Open(spec));
            chat.send(new TunnelIn(client.ping(99)));
            TunnelOut out = (TunnelOut) chat.read();
            assertThat(out.sessionId()).isEqualTo(spec.sessionId());
            assertThat(client.open(out.packet(), out.packet().length).clock()).isEqualTo(99);

            chat.send(new StatsRequest(1));
            StatsReply stats = (StatsReply) chat.read();
            assertThat(stats.last()).isTrue();
            assertThat(stats.stats().sessions()).singleElement()
                    .satisfies(s -> assertThat(s.transport()).isEqualTo("tunnel"));
        }
    }

    @Test
    void theLinkPortCanShareTheUdpNumber() throws Exception {
        try (VoiceNode same = VoiceNode.start(new VoiceServerConfig("127.0.0.1", 0, 1), "127.0.0.1",
                VoiceNode.SAME_AS_UDP, LinkServerTest.SECRET, "voice.example.org")) {
            assertThat(same.linkPort()).isEqualTo(same.udpPort());
            try (RawLinkClient chat = RawLinkClient.connect(same.linkPort(), LinkServerTest.SECRET)) {
                assertThat(chat.hello.udpHost()).isEqualTo("voice.example.org");
            }
        }
    }

    @Test
    void aShortSecretStartsNothing() {
        assertThatThrownBy(() -> VoiceNode.start(new VoiceServerConfig("127.0.0.1", 0, 1), "127.0.0.1", 0,
                new byte[8], null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Returns once every frame sent before it has been applied: the link handles frames in order. */
    private static void barrier(RawLinkClient chat) throws Exception {
        long id = RANDOM.nextLong();
        chat.send(new StatsRequest(id));
        while (true) {
            LinkFrame frame = chat.read();
            if (frame instanceof StatsReply reply && reply.requestId() == id && reply.last()) {
                return;
            }
        }
    }

    static SessionSpec spec() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        int id = RANDOM.nextInt() | 1;
        return new SessionSpec(id, key, 77, "alice", 3, 64_000, true, false, false);
    }
}
