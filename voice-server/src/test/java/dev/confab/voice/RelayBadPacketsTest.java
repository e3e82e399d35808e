package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.VoiceCounters;
import dev.confab.protocol.voice.VoicePacket;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of bad packet is dropped, counted under its reason, and harms nobody else. */
class RelayBadPacketsTest {
    private static final byte[] VOICE = "voice".getBytes();

    private TestRelay relay;
    private VoiceClient alice;
    private VoiceClient bob;
    private VoiceClient mallory;

    @BeforeEach
    void start() throws Exception {
        relay = TestRelay.start();
        alice = relay.join(401, 1, 1);
        bob = relay.join(402, 2, 1);
        // An attacker on a socket of its own, who knows alice's session id but not her key.
        mallory = relay.client(relay.spec(401, 66, 1, true));
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    /** Sends {@code datagram}, waits until the relay has handled it, and returns the change. */
    private VoiceCounters delta(VoiceClient from, byte[] datagram) {
        VoiceCounters before = relay.total();
        from.send(datagram);
        VoiceCounters after = relay.awaitIn(before, 1);
        return new VoiceCounters(after.packetsIn() - before.packetsIn(), after.relayed() - before.relayed(),
                after.droppedBadSeal() - before.droppedBadSeal(), after.droppedReplay() - before.droppedReplay(),
                after.droppedUnknownSession() - before.droppedUnknownSession(),
                after.droppedRate() - before.droppedRate(), after.droppedMalformed() - before.droppedMalformed(),
                after.droppedMuted() - before.droppedMuted());
    }

    private void stillWorks() {
        bob.expectNothing();
        alice.audio(VOICE);
        assertThat(bob.receive().payload()).isEqualTo(VOICE);
    }

    @Test
    void aForgeryUnderAnotherKeyIsABadSeal() {
        byte[] forged = mallory.sealAt(alice.lastSequence() + 1, 0, VoicePacket.KIND_AUDIO, 0, VOICE);
        assertThat(delta(mallory, forged)).isEqualTo(new VoiceCounters(1, 0, 1, 0, 0, 0, 0, 0));
        assertThat(relay.session(alice.chatSession()).counters().droppedBadSeal()).isEqualTo(1);
        // The forged sequence did not move the window: alice's real packet with it still goes.
        stillWorks();
        // Nor the route: bob's voice still reaches alice, not mallory.
        bob.audio(VOICE);
        assertThat(alice.receive().payload()).isEqualTo(VOICE);
        mallory.expectNothing();
    }

    @Test
    void aForgeryDoesNotBlockTheGenuinePacketWithItsSequence() {
        // From alice's own address, so both land on the same relay thread, one after the other.
        for (int i = 0; i < 3; i++) {
            byte[] forged = mallory.sealAt(alice.lastSequence() + 1, 0, VoicePacket.KIND_AUDIO, 0, VOICE);
            assertThat(delta(alice, forged).droppedBadSeal()).isEqualTo(1);
            alice.audio(VOICE);
            assertThat(bob.receive().payload()).isEqualTo(VOICE);
        }
    }

    @Test
    void aChangedByteIsABadSeal() {
        byte[] packet = alice.seal(VoicePacket.KIND_AUDIO, 0, VOICE);
        packet[packet.length - 1] ^= 1;
        assertThat(delta(alice, packet).droppedBadSeal()).isEqualTo(1);
        byte[] header = alice.seal(VoicePacket.KIND_AUDIO, 0, VOICE);
        header[VoicePacket.TIMESTAMP_OFFSET] ^= 1;
        assertThat(delta(alice, header).droppedBadSeal()).isEqualTo(1);
        stillWorks();
    }

    @Test
    void aReplayIsDroppedWithoutBeingOpened() {
        byte[] packet = alice.audio(VOICE);
        assertThat(bob.receive().payload()).isEqualTo(VOICE);
        // From anywhere: the same bytes again, from mallory's socket.
        assertThat(delta(mallory, packet)).isEqualTo(new VoiceCounters(1, 0, 0, 1, 0, 0, 0, 0));
        assertThat(delta(alice, packet).droppedReplay()).isEqualTo(1);
        assertThat(relay.session(alice.chatSession()).counters().droppedReplay()).isEqualTo(2);
        // The replay from mallory did not move alice's route.
        bob.audio(VOICE);
        assertThat(alice.receive().payload()).isEqualTo(VOICE);
        mallory.expectNothing();
    }

    @Test
    void aPacketOlderThanTheWindowIsAReplay() {
        byte[] old = alice.seal(VoicePacket.KIND_AUDIO, 0, VOICE);
        long far = alice.lastSequence() + 100;
        alice.send(alice.sealAt(far, 0, VoicePacket.KIND_AUDIO, 0, VOICE));
        assertThat(bob.receive().payload()).isEqualTo(VOICE);
        assertThat(delta(alice, old).droppedReplay()).isEqualTo(1);
    }

    @Test
    void truncatedAndOversizedPacketsAreMalformed() {
        byte[] packet = alice.seal(VoicePacket.KIND_AUDIO, 0, VOICE);
        for (int length : new int[] {1, VoicePacket.BASE_HEADER_BYTES, VoicePacket.MIN_PACKET_BYTES - 1}) {
            assertThat(delta(alice, Arrays.copyOf(packet, length)).droppedMalformed()).isEqualTo(1);
        }
        // Shorter than its header and tag: a whisper's party field cut off.
        byte[] whisper = alice.seal(VoicePacket.KIND_AUDIO | VoicePacket.FLAG_WHISPER, 2, new byte[0]);
        assertThat(delta(alice, Arrays.copyOf(whisper, VoicePacket.MIN_PACKET_BYTES + 4)).droppedMalformed())
                .isEqualTo(1);
        // Cut inside the ciphertext: the header is fine, the seal is not.
        assertThat(delta(alice, Arrays.copyOf(packet, packet.length - 1)).droppedBadSeal()).isEqualTo(1);

        assertThat(delta(alice, new byte[VoicePacket.MAX_PACKET_BYTES + 1]).droppedMalformed()).isEqualTo(1);
        byte[] huge = Arrays.copyOf(alice.seal(VoicePacket.KIND_AUDIO, 0, VOICE), 9_000);
        assertThat(delta(alice, huge).droppedMalformed()).isEqualTo(1);
        // Fits the codec's limit, but its payload is longer than any Opus frame.
        byte[] long_ = alice.seal(VoicePacket.KIND_AUDIO, 0, new byte[VoicePacket.MAX_PAYLOAD_BYTES + 1]);
        assertThat(delta(alice, long_).droppedMalformed()).isEqualTo(1);
        byte[] longest = alice.seal(VoicePacket.KIND_AUDIO, 0, new byte[VoicePacket.MAX_PAYLOAD_BYTES]);
        assertThat(delta(alice, longest).relayed()).isEqualTo(1);
        assertThat(bob.receive().payload()).hasSize(VoicePacket.MAX_PAYLOAD_BYTES);
        stillWorks();
    }

    @Test
    void whatNoClientSendsIsMalformed() {
        // Downlink packets, pongs, unknown flag bits, a whisper that is not audio, sequence 0.
        byte[][] packets = {
            alice.seal(VoicePacket.KIND_AUDIO | VoicePacket.FLAG_DOWNLINK, 2, VOICE),
            alice.seal(VoicePacket.KIND_PONG, 0, VOICE),
            alice.seal(0x40, 0, VOICE),
            alice.seal(3, 0, VOICE),
            alice.seal(VoicePacket.KIND_PING | VoicePacket.FLAG_WHISPER, 2, VOICE),
            alice.sealAt(0, 0, VoicePacket.KIND_AUDIO, 0, VOICE),
        };
        for (byte[] packet : packets) {
            assertThat(delta(alice, packet)).isEqualTo(new VoiceCounters(1, 0, 0, 0, 0, 0, 1, 0));
        }
        stillWorks();
    }

    @Test
    void anUnknownSessionIsDropped() {
        byte[] stranger = alice.sealAt(0x0bad_cafe, VoiceClient.otherKey(), 1, 0, VoicePacket.KIND_AUDIO, 0,
                VOICE);
        assertThat(delta(mallory, stranger)).isEqualTo(new VoiceCounters(1, 0, 0, 0, 1, 0, 0, 0));
        assertThat(relay.control().stats().join().sessions())
                .allSatisfy(s -> assertThat(s.counters().droppedUnknownSession()).isZero());
        stillWorks();
    }
}
