package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.VoiceCounters;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.VoiceClient.Received;
import dev.confab.voice.control.SessionSpec;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rate budgets: twice the room's bitrate in payload bytes (a second's worth at once), and 100
 * packets a second (50 at once).
 */
class RelayRateTest {
    private static final int BITRATE = 24_000; // 6,000 payload bytes a second, 6,000 at once

    private static SessionSpec spec(TestRelay relay, int id, long chat) {
        SessionSpec base = relay.spec(id, chat, 1, true);
        return new SessionSpec(id, base.key(), chat, base.name(), 1, BITRATE, true, false, false);
    }

    @Test
    void aFloodIsDroppedAndCountedWhileOthersKeepFlowing() throws Exception {
        try (TestRelay relay = TestRelay.start()) {
            VoiceClient alice = relay.open(spec(relay, 301, 1)).connect();
            VoiceClient bob = relay.open(spec(relay, 302, 2)).connect();
            VoiceClient carol = relay.open(spec(relay, 303, 3)).connect();
            byte[] frame = new byte[200];

            int flooded = 0;
            for (int round = 0; round < 6; round++) {
                VoiceCounters before = relay.total();
                for (int i = 0; i < 50; i++) {
                    alice.audio(frame);
                }
                bob.audio(frame);
                flooded += 50;
                relay.awaitIn(before, 51);
            }

            int fromAlice = 0;
            int fromBob = 0;
            for (Received got = carol.poll(VoiceClient.QUIET); got != null; got = carol.poll(VoiceClient.QUIET)) {
                if (got.party() == alice.chatSession()) {
                    fromAlice++;
                } else if (got.party() == bob.chatSession()) {
                    fromBob++;
                }
            }
            assertThat(fromBob).isEqualTo(6);
            // A second's worth (30 frames of 200 bytes), and what trickled in during the flood.
            assertThat(fromAlice).isBetween(30, 60);
            VoiceCounters total = relay.total();
            assertThat(total.droppedRate()).isEqualTo(flooded - fromAlice);
            assertThat(relay.session(alice.chatSession()).counters().droppedRate()).isEqualTo(flooded - fromAlice);
            assertThat(relay.session(bob.chatSession()).counters().droppedRate()).isZero();
        }
    }

    @Test
    void theBudgetRefillsWithTimeAndForgeriesCannotSpendIt() throws Exception {
        AtomicLong now = new AtomicLong();
        try (TestRelay relay = TestRelay.start(now::get)) {
            VoiceClient alice = relay.open(spec(relay, 311, 1));
            VoiceClient bob = relay.open(spec(relay, 312, 2)).connect();
            alice.connect();
            byte[] frame = new byte[200];

            // Forgeries naming alice's session, under another key: they never reach her budget.
            var wrongKey = VoiceClient.otherKey();
            VoiceCounters before = relay.total();
            for (int i = 0; i < 60; i++) {
                alice.send(alice.sealAt(alice.sessionId(), wrongKey, 1_000 + i, 0, VoicePacket.KIND_AUDIO, 0, frame));
            }
            relay.awaitIn(before, 60);

            // The pong spent 4 bytes and one packet: 29 frames of 200 bytes fit in what is left.
            before = relay.total();
            for (int i = 0; i < 40; i++) {
                alice.audio(frame);
            }
            VoiceCounters after = relay.awaitIn(before, 40);
            assertThat(after.droppedRate() - before.droppedRate()).isEqualTo(11);
            assertThat(after.droppedBadSeal()).isEqualTo(60);
            for (int i = 0; i < 29; i++) {
                assertThat(bob.receive().party()).isEqualTo(alice.chatSession());
            }
            bob.expectNothing();

            // Half a second later, half a second's worth: 15 frames.
            now.addAndGet(500_000_000L);
            before = relay.total();
            for (int i = 0; i < 20; i++) {
                alice.audio(frame);
            }
            after = relay.awaitIn(before, 20);
            assertThat(after.droppedRate() - before.droppedRate()).isEqualTo(5);
        }
    }

    @Test
    void packetsAreLimitedToo() throws Exception {
        AtomicLong now = new AtomicLong();
        try (TestRelay relay = TestRelay.start(now::get)) {
            SessionSpec base = relay.spec(321, 1, 1, true);
            SessionSpec music = new SessionSpec(321, base.key(), 1, "dj", 1, 510_000, true, false, false);
            VoiceClient dj = relay.open(music);
            VoiceClient bob = relay.join(322, 2, 1);
            VoiceCounters before = relay.total();
            for (int i = 0; i < 70; i++) {
                dj.audio(new byte[10]);
            }
            VoiceCounters after = relay.awaitIn(before, 70);
            assertThat(after.droppedRate() - before.droppedRate()).isEqualTo(20);
            now.addAndGet(100_000_000L); // 100 ms: 10 packets
            before = after;
            for (int i = 0; i < 12; i++) {
                dj.audio(new byte[10]);
            }
            after = relay.awaitIn(before, 12);
            assertThat(after.droppedRate() - before.droppedRate()).isEqualTo(2);
            bob.close();
        }
    }
}
