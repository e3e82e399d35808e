package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.VoiceCounters;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.VoiceClient.Received;
import dev.confab.voice.control.SessionSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who hears what: rooms, whispers, deafened, muted, room changes. Three in room 1, one in room 2. */
class RelayRoomsTest {
    private static final byte[] VOICE = "twenty ms of opus".getBytes();

    private TestRelay relay;
    private VoiceClient alice;
    private VoiceClient bob;
    private VoiceClient carol;
    private VoiceClient dave;

    @BeforeEach
    void start() throws Exception {
        relay = TestRelay.start();
        alice = relay.join(101, 1, 1);
        bob = relay.join(102, 2, 1);
        carol = relay.join(103, 3, 1);
        dave = relay.join(104, 4, 2);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void audioReachesExactlyTheOthersInTheRoom() {
        VoiceCounters before = relay.total();
        byte[] sent = alice.audio(VOICE);

        for (VoiceClient listener : new VoiceClient[] {bob, carol}) {
            Received got = listener.receive();
            assertThat(got.session()).isEqualTo(listener.sessionId());
            assertThat(got.flags()).isEqualTo(VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_AUDIO);
            assertThat(got.party()).isEqualTo(alice.chatSession());
            assertThat(got.timestamp()).isEqualTo(VoicePacket.timestamp(sent, 0));
            assertThat(got.payload()).isEqualTo(VOICE);
            // The pong had downlink sequence 1; this is the next.
            assertThat(got.sequence()).isEqualTo(2);
        }
        alice.expectNothing();
        dave.expectNothing();
        VoiceCounters after = relay.total();
        assertThat(after.packetsIn() - before.packetsIn()).isEqualTo(1);
        assertThat(after.relayed() - before.relayed()).isEqualTo(2);
        assertThat(TestRelay.drops(after)).isZero();
        assertThat(relay.session(1).counters().relayed()).isEqualTo(3); // its pong, and two copies
    }

    @Test
    void whisperReachesOnlyItsTarget() {
        alice.whisper(dave.chatSession(), VOICE);

        Received got = dave.receive();
        assertThat(got.flags()).isEqualTo(VoicePacket.FLAG_DOWNLINK | VoicePacket.FLAG_WHISPER);
        assertThat(got.party()).isEqualTo(alice.chatSession());
        assertThat(got.payload()).isEqualTo(VOICE);
        bob.expectNothing();
        carol.expectNothing();
    }

    @Test
    void aGuestMayWhisperOnlyInsideItsRoom() {
        SessionSpec guest = relay.spec(105, 5, 1, false);
        VoiceClient eve = relay.open(guest).connect();
        VoiceCounters before = relay.total();

        eve.whisper(dave.chatSession(), VOICE);
        relay.awaitIn(before, 1);
        dave.expectNothing();
        // Refused silently: no copy, and not a counted drop.
        VoiceCounters after = relay.total();
        assertThat(after.relayed()).isEqualTo(before.relayed());
        assertThat(TestRelay.drops(after)).isZero();

        eve.whisper(bob.chatSession(), VOICE);
        assertThat(bob.receive().flags() & VoicePacket.FLAG_WHISPER).isNotZero();
        carol.expectNothing();
    }

    @Test
    void aWhisperToNobodyHereGoesNowhere() {
        VoiceCounters before = relay.total();
        alice.whisper(999, VOICE);
        alice.whisper(alice.chatSession(), VOICE);
        relay.awaitIn(before, 2);
        bob.expectNothing();
        alice.expectNothing();
        assertThat(relay.total().relayed()).isEqualTo(before.relayed());
    }

    @Test
    void theDeafenedGetNothing() {
        relay.control().setState(bob.sessionId(), false, true);
        alice.audio(VOICE);
        alice.whisper(bob.chatSession(), VOICE);

        assertThat(carol.receive().payload()).isEqualTo(VOICE);
        bob.expectNothing();

        relay.control().setState(bob.sessionId(), false, false);
        alice.audio(VOICE);
        assertThat(bob.receive().payload()).isEqualTo(VOICE);
    }

    @Test
    void theMutedAreDroppedAndCountedButStillHearAndArePonged() {
        relay.control().setState(alice.sessionId(), true, false);
        VoiceCounters before = relay.total();
        alice.audio(VOICE);
        alice.whisper(bob.chatSession(), VOICE);
        alice.echo(VOICE);

        VoiceCounters after = relay.awaitTotal(now -> now.droppedMuted() >= before.droppedMuted() + 3);
        assertThat(after.droppedMuted() - before.droppedMuted()).isEqualTo(3);
        assertThat(relay.session(alice.chatSession()).counters().droppedMuted()).isEqualTo(3);
        bob.expectNothing();
        alice.expectNothing();

        bob.audio(VOICE);
        assertThat(alice.receive().payload()).isEqualTo(VOICE);
        alice.ping(new byte[] {9});
        assertThat(alice.receive().kind()).isEqualTo(VoicePacket.KIND_PONG);

        relay.control().setState(alice.sessionId(), false, false);
        alice.audio(VOICE);
        assertThat(bob.receive().party()).isEqualTo(alice.chatSession());
    }

    @Test
    void aRoomChangeReroutesAtOnceAndTheOldKeyStopsWorking() {
        // The chat server moves bob to room 2: a new voice session, id and key.
        relay.control().close(bob.sessionId());
        VoiceClient bobInRoom2 = relay.open(202, bob.chatSession(), 2).connect();

        VoiceCounters before = relay.total();
        bob.audio(VOICE); // under the old key
        relay.awaitTotal(now -> now.droppedUnknownSession() == before.droppedUnknownSession() + 1);
        carol.expectNothing();
        alice.expectNothing();

        alice.audio(VOICE);
        assertThat(carol.receive().payload()).isEqualTo(VOICE);
        bobInRoom2.expectNothing();
        bob.expectNothing();

        dave.audio(VOICE);
        Received got = bobInRoom2.receive();
        assertThat(got.party()).isEqualTo(dave.chatSession());
        assertThat(got.session()).isEqualTo(202);
        bobInRoom2.audio(VOICE);
        assertThat(dave.receive().party()).isEqualTo(bob.chatSession());
        carol.expectNothing();

        assertThat(relay.control().stats().join().sessions())
                .filteredOn(s -> s.session() == bob.chatSession())
                .singleElement()
                .satisfies(s -> assertThat(s.room()).isEqualTo(2));
    }

    @Test
    void aClosedSessionIsSentNothingMore() {
        relay.control().close(carol.sessionId());
        alice.audio(VOICE);
        assertThat(bob.receive().payload()).isEqualTo(VOICE);
        carol.expectNothing();
        relay.control().close(carol.sessionId()); // unknown ids are ignored
        relay.control().setState(carol.sessionId(), true, true);
    }

    @Test
    void statsNameEachSessionAndItsTransport() {
        VoiceClient quiet = relay.open(106, 6, 1);
        assertThat(relay.session(6).transport()).isEqualTo("none");
        assertThat(relay.session(1).transport()).isEqualTo("udp");
        assertThat(relay.session(1).name()).isEqualTo("user1");
        assertThat(relay.session(1).room()).isEqualTo(1);
        assertThat(relay.control().stats().join().sessions()).hasSize(5);
        quiet.close();
    }
}
