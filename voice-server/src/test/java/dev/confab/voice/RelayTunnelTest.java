package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.confab.protocol.VoiceCounters;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.TestRelay.Tunnelled;
import dev.confab.voice.VoiceClient.Received;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Voice through the chat connection: in by {@code tunnelled}, out by the {@code TunnelPeer}. */
class RelayTunnelTest {
    private static final byte[] VOICE = "over tcp".getBytes();

    private TestRelay relay;
    private VoiceClient alice;
    private VoiceClient tom;

    @BeforeEach
    void start() throws Exception {
        relay = TestRelay.start();
        alice = relay.join(501, 1, 1);
        tom = relay.open(502, 2, 1);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    private void tunnel(int flags, byte[] payload) {
        relay.control().tunnelled(tom.seal(flags, 0, payload));
    }

    /** The next packet the relay gave the tunnel, opened as tom. */
    private Received fromTunnel() throws InterruptedException {
        Tunnelled got = relay.tunnel.poll(VoiceClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(got).as("a packet for the tunnel").isNotNull();
        assertThat(got.sessionId()).isEqualTo(tom.sessionId());
        return tom.open(got.packet());
    }

    private void tunnelIsQuiet() throws InterruptedException {
        assertThat(relay.tunnel.poll(VoiceClient.QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void tunnelledVoiceReachesUdpListenersAndTheirsComesBackThroughTheTunnel() throws Exception {
        assertThat(relay.session(tom.chatSession()).transport()).isEqualTo("none");
        tunnel(VoicePacket.KIND_AUDIO, VOICE);
        Received heard = alice.receive();
        assertThat(heard.party()).isEqualTo(tom.chatSession());
        assertThat(heard.payload()).isEqualTo(VOICE);
        assertThat(relay.session(tom.chatSession()).transport()).isEqualTo("tunnel");

        alice.audio(VOICE);
        Received got = fromTunnel();
        assertThat(got.party()).isEqualTo(alice.chatSession());
        assertThat(got.payload()).isEqualTo(VOICE);
        tom.expectNothing();
    }

    @Test
    void aTunnelledPingIsAnsweredThroughTheTunnel() throws Exception {
        tunnel(VoicePacket.KIND_PING, new byte[] {4, 2});
        Received pong = fromTunnel();
        assertThat(pong.kind()).isEqualTo(VoicePacket.KIND_PONG);
        assertThat(pong.payload()).containsExactly(4, 2);
    }

    @Test
    void udpProbesDoNotMoveTheRouteButUdpVoiceDoes() throws Exception {
        tunnel(VoicePacket.KIND_PING, new byte[] {1});
        fromTunnel();

        // The client tests UDP: the pong comes over UDP, the voice keeps to the tunnel.
        tom.probe(new byte[] {2});
        Received pong = tom.receive();
        assertThat(pong.kind()).isEqualTo(VoicePacket.KIND_PONG);
        assertThat(pong.payload()).containsExactly(2);
        alice.audio(VOICE);
        assertThat(fromTunnel().payload()).isEqualTo(VOICE);
        tom.expectNothing();
        assertThat(relay.session(tom.chatSession()).transport()).isEqualTo("tunnel");

        // A tunnelled probe does not move it either.
        tom.audio(VOICE);
        assertThat(alice.receive().payload()).isEqualTo(VOICE);
        tunnel(VoicePacket.KIND_PING | VoicePacket.FLAG_PROBE, new byte[] {3});
        assertThat(fromTunnel().kind()).isEqualTo(VoicePacket.KIND_PONG);
        assertThat(relay.session(tom.chatSession()).transport()).isEqualTo("udp");

        // UDP voice moved it back: alice's voice now comes over UDP.
        alice.audio(VOICE);
        assertThat(tom.receive().payload()).isEqualTo(VOICE);
        tunnelIsQuiet();
    }

    @Test
    void echoThroughTheTunnelComesBackThroughIt() throws Exception {
        tunnel(VoicePacket.KIND_AUDIO | VoicePacket.FLAG_ECHO, VOICE);
        Received echo = fromTunnel();
        assertThat(echo.flags()).isEqualTo(VoicePacket.FLAG_DOWNLINK | VoicePacket.FLAG_ECHO);
        assertThat(echo.payload()).isEqualTo(VOICE);
        alice.expectNothing();
    }

    @Test
    void badTunnelledPacketsAreDroppedAndNeverThrow() throws Exception {
        VoiceCounters before = relay.total();
        byte[] forged = alice.sealAt(tom.sessionId(), VoiceClient.otherKey(), tom.lastSequence() + 1, 0,
                VoicePacket.KIND_AUDIO, 0, VOICE);
        assertThatCode(() -> {
            relay.control().tunnelled(new byte[0]);
            relay.control().tunnelled(new byte[] {1, 2, 3});
            relay.control().tunnelled(new byte[VoicePacket.MAX_PACKET_BYTES + 1]);
            relay.control().tunnelled(forged);
        }).doesNotThrowAnyException();
        VoiceCounters after = relay.total();
        assertThat(after.packetsIn() - before.packetsIn()).isEqualTo(3);
        assertThat(after.droppedMalformed() - before.droppedMalformed()).isEqualTo(2);
        assertThat(after.droppedBadSeal() - before.droppedBadSeal()).isEqualTo(1);

        // The genuine packet with the forged one's sequence, on the same thread right after it.
        tunnel(VoicePacket.KIND_AUDIO, VOICE);
        assertThat(alice.receive().payload()).isEqualTo(VOICE);
    }
}
