package dev.confab.voice.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.BigEndian;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.link.LinkFrame.Close;
import dev.confab.voice.link.LinkFrame.Open;
import dev.confab.voice.link.LinkFrame.State;
import dev.confab.voice.link.LinkFrame.StatsReply;
import dev.confab.voice.link.LinkFrame.StatsRequest;
import dev.confab.voice.link.LinkFrame.TunnelIn;
import dev.confab.voice.link.LinkFrame.TunnelOut;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real link server on an ephemeral port, a relay that writes down its calls, and a hand-written chat end. */
class LinkServerTest {
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes();

    final FakeControl control = new FakeControl();
    final LinkSessions sessions = new LinkSessions();
    LinkServer server;
    LogCapture log;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        server = LinkServer.start(new InetSocketAddress("127.0.0.1", 0), SECRET, control, sessions, null, 7700);
    }

    @AfterEach
    void stop() {
        server.close();
        log.close();
    }

    @Test
    void callsArriveInOrderAndTheHelloNamesTheUdpPort() throws Exception {
        try (RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET)) {
            assertThat(chat.hello.udpHost()).isNull();
            assertThat(chat.hello.udpPort()).isEqualTo(7700);
            byte[] packet = packetFor(5, 40);
            chat.send(new Open(FakeControl.spec(5)));
            chat.send(new State(5, true, false));
            chat.send(new TunnelIn(packet));
            chat.send(new State(5, false, true));
            chat.send(new Close(5));
            control.expect("open 5 false false", "state 5 true false", "tunnel " + HexFormat.of().formatHex(packet),
                    "state 5 false true", "close 5");
            assertThat(sessions.size()).isZero();
        }
    }

    @Test
    void theKeyArrivesIntact() throws Exception {
        try (RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET)) {
            chat.send(new Open(FakeControl.spec(9)));
            control.expect("open 9 false false");
            assertThat(control.open.get(9).key()).isEqualTo(FakeControl.spec(9).key());
            assertThat(control.open.get(9).name()).isEqualTo("person-9");
            assertThat(control.open.get(9).bitrate()).isEqualTo(24_000);
        }
    }

    @Test
    void aDroppedLinkClosesEverySessionItOpened() throws Exception {
        RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET);
        chat.send(new Open(FakeControl.spec(1)));
        chat.send(new Open(FakeControl.spec(2)));
        chat.send(new Open(FakeControl.spec(3)));
        chat.send(new Close(2));
        control.expect("open 1 false false", "open 2 false false", "open 3 false false", "close 2");
        chat.close();
        assertThat(List.of(control.next(), control.next())).containsExactlyInAnyOrder("close 1", "close 3");
        assertThat(control.open).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aSessionReopenedByANewerLinkSurvivesTheOldLinksEnd() throws Exception {
        RawLinkClient old = RawLinkClient.connect(server.port(), SECRET);
        old.send(new Open(FakeControl.spec(1)));
        old.send(new Open(FakeControl.spec(2)));
        control.expect("open 1 false false", "open 2 false false");
        try (RawLinkClient fresh = RawLinkClient.connect(server.port(), SECRET)) {
            fresh.send(new Open(FakeControl.spec(1)));
            control.expect("open 1 false false");
            // The old link may not close, mute or tunnel for a session it no longer owns.
            old.send(new State(1, true, true));
            old.send(new Close(1));
            old.close();
            control.expect("close 2");
            control.expectNothingFor(200);
            assertThat(control.open).containsOnlyKeys(1);

            sessions.deliver(1, new byte[] {1, 2, 3}, 3);
            assertThat(fresh.read()).isInstanceOfSatisfying(TunnelOut.class,
                    out -> assertThat(out.packet()).containsExactly(1, 2, 3));
        }
        control.expect("close 1");
    }

    @Test
    void statsRoundTripInPartsWhenLarge() throws Exception {
        RelayStats large = FakeControl.stats(2000);
        control.stats = CompletableFuture.completedFuture(large);
        try (RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET)) {
            chat.send(new StatsRequest(42));
            List<StatsReply> parts = new ArrayList<>();
            do {
                parts.add((StatsReply) chat.read());
            } while (!parts.get(parts.size() - 1).last());
            assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
                assertThat(part.requestId()).isEqualTo(42);
                assertThat(part.stats().total()).isEqualTo(large.total());
            });
            assertThat(parts.stream().flatMap(part -> part.stats().sessions().stream()).toList())
                    .isEqualTo(large.sessions());
        }
    }

    @Test
    void tunnelPacketsGoBackOverTheLinkThatOpenedTheSession() throws Exception {
        try (RawLinkClient a = RawLinkClient.connect(server.port(), SECRET);
                RawLinkClient b = RawLinkClient.connect(server.port(), SECRET)) {
            a.send(new Open(FakeControl.spec(10)));
            b.send(new Open(FakeControl.spec(20)));
            assertThat(List.of(control.next(), control.next()))
                    .containsExactlyInAnyOrder("open 10 false false", "open 20 false false");
            byte[] reused = {9, 9, 9, 9, 9};
            sessions.deliver(20, reused, 4);
            reused[0] = 0;
            sessions.deliver(10, reused, 5);
            sessions.deliver(30, reused, 5);
            TunnelOut toB = (TunnelOut) b.read();
            TunnelOut toA = (TunnelOut) a.read();
            assertThat(toB.sessionId()).isEqualTo(20);
            assertThat(toB.packet()).containsExactly(9, 9, 9, 9);
            assertThat(toA.sessionId()).isEqualTo(10);
            assertThat(toA.packet()).containsExactly(0, 9, 9, 9, 9);
            assertThat(sessions.unrouted()).isEqualTo(1);

            // A link may tunnel only for sessions it opened.
            b.send(new TunnelIn(packetFor(10, 30)));
            b.send(new TunnelIn(packetFor(20, 30)));
            assertThat(control.next()).startsWith("tunnel 00000014");
        }
    }

    @Test
    void aWrongSecretIsRefusedWithOneLineThatHoldsNoSecret() throws Exception {
        byte[] wrong = "another secret of thirty-two bytes or more".getBytes();
        for (int attempt = 0; attempt < 3; attempt++) {
            try (RawLinkClient chat = new RawLinkClient(server.port()).greet(wrong)) {
                assertThat(chat.closedByPeer()).isTrue();
            }
        }
        control.expectNothingFor(100);
        awaitLogLines(1);
        List<String> lines = log.lines().stream().filter(line -> !line.startsWith("DEBUG")).toList();
        assertThat(lines).as("one warning, however often it retries").hasSize(1);
        assertThat(lines.get(0)).startsWith("WARN link attempt from").contains("did not open");
        assertNoSecretIn(lines, SECRET, wrong);
    }

    @Test
    void aTamperedFrameClosesTheLinkAndItsSessions() throws Exception {
        try (RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET)) {
            chat.send(new Open(FakeControl.spec(4)));
            control.expect("open 4 false false");
            byte[] frame = chat.seal(new State(4, true, true));
            frame[frame.length - 3] ^= 1;
            chat.sendRaw(frame);
            assertThat(chat.closedByPeer()).isTrue();
            control.expect("close 4");
            awaitLogLines(2);
            assertThat(log.lines().get(1)).startsWith("WARN link from").contains("did not open")
                    .contains("closed 1 sessions");
            assertNoSecretIn(log.lines(), SECRET, FakeControl.spec(4).key());
        }
    }

    @Test
    void aReplayedFrameClosesTheLink() throws Exception {
        try (RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET)) {
            byte[] open = chat.seal(new Open(FakeControl.spec(4)));
            chat.sendRaw(open);
            chat.sendRaw(open);
            assertThat(chat.closedByPeer()).isTrue();
            control.expect("open 4 false false", "close 4");
        }
    }

    @Test
    void anOversizeLengthClosesTheLink() throws Exception {
        try (RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET)) {
            chat.sendRaw(new byte[] {0, 1, 0, 1});
            assertThat(chat.closedByPeer()).isTrue();
            awaitLogLines(2);
            assertThat(log.lines().get(1)).contains("frame length 65537 out of bounds");
        }
    }

    @Test
    void somethingThatIsNotALinkIsRefused() throws Exception {
        try (RawLinkClient chat = new RawLinkClient(server.port())) {
            chat.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n-------------------------------".getBytes());
            assertThat(chat.closedByPeer()).isTrue();
        }
        awaitLogLines(1);
        assertThat(log.lines().get(0)).contains("not a Confab link");
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> LinkServer.start(new InetSocketAddress("127.0.0.1", 0), new byte[31], control,
                sessions, null, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void closingTheServerClosesTheSessionsOfItsLinks() throws Exception {
        RawLinkClient chat = RawLinkClient.connect(server.port(), SECRET);
        chat.send(new Open(FakeControl.spec(8)));
        control.expect("open 8 false false");
        server.close();
        control.expect("close 8");
        assertThat(chat.closedByPeer()).isTrue();
        chat.close();
        server = LinkServer.start(new InetSocketAddress("127.0.0.1", 0), SECRET, control, sessions, null, 7700);
    }

    private void awaitLogLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.lines().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // Give a stray extra line a moment to show itself.
        Thread.sleep(50);
    }

    static void assertNoSecretIn(List<String> lines, byte[]... secrets) {
        for (byte[] secret : secrets) {
            String text = new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String line : lines) {
                assertThat(line).doesNotContain(text).doesNotContain(HexFormat.of().formatHex(secret))
                        .doesNotContain(Base64.getEncoder().encodeToString(secret))
                        .doesNotContain(Arrays.toString(secret));
            }
        }
    }

    /** Bytes that look enough like a voice packet for the link: the session id first. */
    static byte[] packetFor(int sessionId, int length) {
        byte[] packet = new byte[length];
        BigEndian.putInt(packet, 0, sessionId);
        for (int i = 4; i < length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }

}
