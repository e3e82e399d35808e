package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.VoiceCounters;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.VoiceClient.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Echo, ping and pong, keep-alives, and a client whose address changes. */
class RelayRoutesTest {
    private static final byte[] VOICE = "a frame".getBytes();

    private TestRelay relay;
    private VoiceClient alice;
    private VoiceClient bob;

    @BeforeEach
    void start() throws Exception {
        relay = TestRelay.start();
        alice = relay.join(201, 1, 7);
        bob = relay.join(202, 2, 7);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void echoComesBackToTheSenderOnly() {
        byte[] sent = alice.echo(VOICE);

        Received got = alice.receive();
        assertThat(got.flags()).isEqualTo(VoicePacket.FLAG_DOWNLINK | VoicePacket.FLAG_ECHO);
        assertThat(got.party()).isEqualTo(alice.chatSession());
        assertThat(got.timestamp()).isEqualTo(VoicePacket.timestamp(sent, 0));
        assertThat(got.payload()).isEqualTo(VOICE);
        bob.expectNothing();
    }

    @Test
    void aPingIsAnsweredWithItsPayload() {
        byte[] clock = {0, 0, 1, 2, 3, 4, 5, 6};
        byte[] sent = alice.ping(clock);

        Received pong = alice.receive();
        assertThat(pong.flags()).isEqualTo(VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_PONG);
        assertThat(pong.party()).isZero();
        assertThat(pong.payload()).isEqualTo(clock);
        assertThat(pong.timestamp()).isEqualTo(VoicePacket.timestamp(sent, 0));
        bob.expectNothing();

        alice.ping(new byte[0]);
        Received empty = alice.receive();
        assertThat(empty.payload()).isEmpty();
        assertThat(empty.sequence()).isGreaterThan(pong.sequence());
    }

    @Test
    void keepAlivesAreIgnoredAndCountNothing() {
        VoiceCounters before = relay.total();
        alice.send(new byte[0]);
        alice.send(new byte[0]);
        alice.ping(new byte[] {1});
        alice.receive();
        VoiceCounters after = relay.total();
        assertThat(after.packetsIn() - before.packetsIn()).isEqualTo(1);
        assertThat(TestRelay.drops(after)).isZero();
    }

    @Test
    void aClientThatChangesAddressKeepsTalkingAndHearing() {
        VoiceClient moved = relay.track(alice.fromNewAddress());

        moved.audio(VOICE);
        assertThat(bob.receive().party()).isEqualTo(alice.chatSession());

        bob.audio(VOICE);
        assertThat(moved.receive().payload()).isEqualTo(VOICE);
        alice.expectNothing();
        assertThat(relay.session(alice.chatSession()).transport()).isEqualTo("udp");
    }

    @Test
    void aProbeIsAnsweredWhereItCameFromButMovesNothing() {
        VoiceClient other = relay.track(alice.fromNewAddress());

        other.probe(new byte[] {7});
        assertThat(other.receive().kind()).isEqualTo(VoicePacket.KIND_PONG);
        bob.audio(VOICE);
        assertThat(alice.receive().payload()).isEqualTo(VOICE);
        other.expectNothing();

        other.ping(new byte[] {8});
        assertThat(other.receive().kind()).isEqualTo(VoicePacket.KIND_PONG);
        bob.audio(VOICE);
        assertThat(other.receive().payload()).isEqualTo(VOICE);
    }

    @Test
    void eachReceiverCountsItsOwnDownlinkSequence() {
        alice.audio(VOICE);
        alice.audio(VOICE);
        bob.audio(VOICE);
        // bob: pong 1, then 2 and 3; alice: pong 1, then 2.
        assertThat(bob.receive().sequence()).isEqualTo(2);
        assertThat(bob.receive().sequence()).isEqualTo(3);
        assertThat(alice.receive().sequence()).isEqualTo(2);
    }

    @Test
    void reopeningWithTheSameKeyKeepsTheWindowAndTheDownlinkSequence() {
        alice.audio(VOICE);
        assertThat(bob.receive().sequence()).isEqualTo(2);
        byte[] old = bob.audio(VOICE);
        alice.receive();

        relay.control().open(bob.spec);
        bob.send(old);
        relay.awaitTotal(now -> now.droppedReplay() == 1);
        alice.audio(VOICE);
        Received got = bob.receive();
        assertThat(got.sequence()).isEqualTo(3);
        assertThat(relay.session(bob.chatSession()).counters().droppedReplay()).isEqualTo(1);
    }
}
