package dev.confab.server.voice.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.TunnelPeer;
import dev.confab.voice.link.FakeControl;
import dev.confab.voice.link.LinkServer;
import dev.confab.voice.link.LinkSessions;
import dev.confab.voice.link.LinkTransport;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat node's link against a real link server on an ephemeral port, with a relay that writes its calls down. */
class VoiceLinkTest {
    static final byte[] SECRET = "a shared secret for the tests, long enough".getBytes();
    static EventLoopGroup group;

    FakeControl relay = new FakeControl();
    LinkSessions sessions = new LinkSessions();
    LinkServer server;
    int port;
    final BlockingQueue<String> tunnelled = new LinkedBlockingQueue<>();
    final TunnelPeer tunnel = (sessionId, packet, length) ->
            tunnelled.add(sessionId + " " + HexFormat.of().formatHex(packet, 0, length));
    /** What the keysLost listener was told, each with the name of the thread it was told on. */
    final BlockingQueue<String> lost = new LinkedBlockingQueue<>();
    final Consumer<List<Integer>> keysLost = ids -> lost.add(ids + " on " + Thread.currentThread().getName());
    VoiceLink link;
    LogLines log;

    @BeforeAll
    static void loops() {
        group = LinkTransport.newGroup(1, "test-link");
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void start() throws Exception {
        log = new LogLines();
        server = LinkServer.start(new InetSocketAddress("127.0.0.1", 0), SECRET, relay, sessions, null, 7711);
        port = server.port();
    }

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.close();
        }
        log.close();
    }

    VoiceLink link(byte[] secret) {
        link = new VoiceLink("127.0.0.1", port, secret, tunnel, keysLost, group, 1500);
        return link;
    }

    @Test
    void callsArriveInOrder() throws Exception {
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        byte[] packet = FakeControl.packetFor(5, 50);
        link.open(FakeControl.spec(5));
        link.setState(5, true, false);
        link.tunnelled(packet);
        link.setState(5, true, true);
        link.setState(6, true, true);
        link.close(6);
        link.close(5);
        relay.expect("open 5 false false", "state 5 true false", "tunnel " + HexFormat.of().formatHex(packet),
                "state 5 true true", "close 5");
        relay.expectNothingFor(100);
        assertThat(link.endpoint()).as("a voice node on this machine: clients use the chat address")
                .isEqualTo(new VoiceLink.Endpoint(null, 7711));
    }

    @Test
    void theHelloNamesThePublicHostAndTheKeyArrivesIntact() throws Exception {
        server.close();
        server = LinkServer.start(new InetSocketAddress("127.0.0.1", port), SECRET, relay, sessions,
                "voice.example.org", 7712);
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        assertThat(link.endpoint()).isEqualTo(new VoiceLink.Endpoint("voice.example.org", 7712));
        link.open(FakeControl.spec(9));
        relay.expect("open 9 false false");
        assertThat(relay.open.get(9).key()).isEqualTo(FakeControl.spec(9).key());
        assertThat(relay.open.get(9).chatSession()).isEqualTo(1009);
    }

    @Test
    void callsMadeBeforeTheVoiceNodeIsThereTakeEffectWhenItIs() throws Exception {
        server.close();
        link(SECRET);
        link.open(FakeControl.spec(1));
        link.open(FakeControl.spec(2));
        link.setState(1, true, false);
        link.close(2);
        link.tunnelled(FakeControl.packetFor(1, 40));
        assertThatThrownBy(() -> link.stats().get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("down");
        Thread.sleep(300);
        assertThat(link.isUp()).isFalse();
        assertThat(link.endpointOrGuess()).isEqualTo(new VoiceLink.Endpoint(null, port));

        server = LinkServer.start(new InetSocketAddress("127.0.0.1", port), SECRET, relay, sessions, null, 7711);
        link.connected().get(5, TimeUnit.SECONDS);
        relay.expect("open 1 true false");
        relay.expectNothingFor(100);
        assertThat(lost).as("never sent, so not lost").isEmpty();
        assertThat(link.droppedTunnelPackets()).isEqualTo(1);
        assertThat(log.await("cannot connect")).hasSize(1);
    }

    @Test
    void aRestartedVoiceNodeIsNeverSentAKeyAgainButTheirIdsAreReportedLost() throws Exception {
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        link.open(FakeControl.spec(1));
        link.open(FakeControl.spec(2));
        link.open(FakeControl.spec(4));
        link.setState(2, false, true);
        relay.expect("open 1 false false", "open 2 false false", "open 4 false false", "state 2 false true");

        stopServer(3);
        link.open(FakeControl.spec(3));
        link.close(1);
        link.setState(2, true, true);
        startServer();
        link.connected().get(5, TimeUnit.SECONDS);
        relay.expect("open 3 false false");
        relay.expectNothingFor(100);
        assertThat(relay.open.keySet()).as("no old key reaches the new link").containsExactly(3);
        assertThat(lost.poll(5, TimeUnit.SECONDS)).as("once, with every sent session not closed meanwhile")
                .startsWith("[2, 4] on test-link-");
        assertThat(lost).isEmpty();

        // Lost sessions are forgotten: calls for them do nothing.
        link.setState(2, true, false);
        link.close(4);
        link.setState(3, true, false);
        relay.expect("state 3 true false");
        relay.expectNothingFor(100);

        // The session sent on the last link is lost in turn, and nothing is sent again.
        stopServer(1);
        startServer();
        link.connected().get(5, TimeUnit.SECONDS);
        assertThat(lost.poll(5, TimeUnit.SECONDS)).startsWith("[3] on ");
        relay.expectNothingFor(200);
        assertThat(lost).isEmpty();
        assertThat(log.await("up: voice at")).hasSize(3);
        assertThat(log.holdsNone(FakeControl.spec(2).key(), FakeControl.spec(3).key())).isTrue();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheLink() throws Exception {
        link = new VoiceLink("127.0.0.1", port, SECRET, tunnel, ids -> {
            throw new IllegalStateException("listener broke");
        }, group, 1500);
        link.connected().get(5, TimeUnit.SECONDS);
        link.open(FakeControl.spec(1));
        relay.expect("open 1 false false");
        stopServer(1);
        link.open(FakeControl.spec(2));
        startServer();
        link.connected().get(5, TimeUnit.SECONDS);
        relay.expect("open 2 false false");
        assertThat(log.await("listener for lost voice keys failed")).hasSize(1);
        link.setState(2, true, false);
        relay.expect("state 2 true false");
    }

    @Test
    void statsRoundTripEvenWhenLarge() throws Exception {
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        RelayStats small = link.stats().get(5, TimeUnit.SECONDS);
        assertThat(small).isEqualTo(FakeControl.stats(3));

        relay.stats = CompletableFuture.completedFuture(FakeControl.stats(3000));
        assertThat(link.stats().get(5, TimeUnit.SECONDS)).isEqualTo(FakeControl.stats(3000));

        relay.stats = CompletableFuture.failedFuture(new IllegalStateException("relay stopping"));
        assertThatThrownBy(() -> link.stats().get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("relay stopping");
    }

    @Test
    void statsFailWhenTheVoiceNodeDoesNotAnswer() throws Exception {
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        relay.stats = new CompletableFuture<>();
        assertThatThrownBy(() -> link.stats().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void statsInFlightFailWhenTheLinkDrops() throws Exception {
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        relay.stats = new CompletableFuture<>();
        CompletableFuture<RelayStats> asked = link.stats();
        relay.expect("stats");
        server.close();
        server = null;
        assertThatThrownBy(() -> asked.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("went down");
    }

    @Test
    void tunnelPacketsComeBackToTheTunnelPeer() throws Exception {
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        link.open(FakeControl.spec(4));
        relay.expect("open 4 false false");
        byte[] packet = {1, 2, 3, 4, 5, 6};
        sessions.deliver(4, packet, 5);
        assertThat(tunnelled.poll(5, TimeUnit.SECONDS)).isEqualTo("4 0102030405");
        link.tunnelled(FakeControl.packetFor(4, 33));
        assertThat(relay.next()).startsWith("tunnel 00000004");
    }

    @Test
    void aWrongSecretNeverLinksAndSaysSoOnceOnEachSide() throws Exception {
        byte[] wrong = "not the secret the voice node holds, though long".getBytes();
        link(wrong);
        link.open(FakeControl.spec(1));
        Thread.sleep(1000);
        assertThat(link.connected()).isNotDone();
        assertThat(relay.calls).isEmpty();
        assertThat(log.await("did not open")).as("the voice node's line").hasSizeGreaterThanOrEqualTo(1)
                .allSatisfy(line -> assertThat(line).startsWith("WARN dev.confab.voice.link"));
        assertThat(log.await("during the handshake")).as("the chat node's line, not repeated").hasSize(1);
        assertThat(log.holdsNone(SECRET, wrong, FakeControl.spec(1).key())).isTrue();
        link.close();
        assertThat(link.connected()).isCompletedExceptionally();
    }

    @Test
    void closingTheLinkClosesItsSessionsAtTheVoiceNode() throws Exception {
        link(SECRET).connected().get(5, TimeUnit.SECONDS);
        link.open(FakeControl.spec(1));
        link.open(FakeControl.spec(2));
        relay.expect("open 1 false false", "open 2 false false");
        link.close();
        assertThat(List.of(relay.next(), relay.next())).containsExactlyInAnyOrder("close 1", "close 2");
        assertThat(link.isUp()).isFalse();
        assertThat(link.connected()).isCompletedExceptionally();
        link.open(FakeControl.spec(3));
        relay.expectNothingFor(300);
        assertThat(server.links()).isZero();
        assertThatThrownBy(() -> link.stats().get(1, TimeUnit.SECONDS)).hasMessageContaining("closed");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new VoiceLink("127.0.0.1", port, Arrays.copyOf(SECRET, 31), tunnel, keysLost, group))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Stops the voice node and waits until it has closed the link's {@code open} sessions and the link is down. */
    private void stopServer(int open) throws Exception {
        server.close();
        for (int i = 0; i < open; i++) {
            assertThat(relay.next()).startsWith("close ");
        }
        awaitDown();
    }

    /** Starts a fresh voice node (remembering nothing) on the same port; the link comes up on its own. */
    private void startServer() throws Exception {
        relay = new FakeControl();
        sessions = new LinkSessions();
        server = LinkServer.start(new InetSocketAddress("127.0.0.1", port), SECRET, relay, sessions, null, 7711);
    }

    private void awaitDown() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (link.isUp() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(link.isUp()).isFalse();
    }
}
