package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.VoiceCounters;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VoiceBenchPartsTest {

    private static final long FRAME = 20_000_000L;

    @Test
    void scheduleSpreadsSpeakersEvenlyOverTheFrame() {
        FrameSchedule schedule = new FrameSchedule(4, FRAME);
        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(5_000_000);
        assertThat(schedule.dueNanos(3)).isEqualTo(15_000_000);
        assertThat(schedule.dueNanos(4)).isEqualTo(FRAME);
        assertThat(schedule.speaker(0)).isZero();
        assertThat(schedule.speaker(5)).isEqualTo(1);
        assertThat(schedule.sendsPerSecond()).isEqualTo(200);
    }

    @Test
    void everySpeakerSendsOncePerFrame() {
        FrameSchedule schedule = new FrameSchedule(7, FRAME);
        for (long n = 0; n < 7 * 100; n++) {
            // The same speaker again exactly one frame later.
            assertThat(schedule.dueNanos(n + 7) - schedule.dueNanos(n)).isEqualTo(FRAME);
            assertThat(schedule.dueNanos(n + 1)).isGreaterThanOrEqualTo(schedule.dueNanos(n));
        }
    }

    @Test
    void stampsSurviveTheWrapOfThirtyTwoBits() {
        long sent = (1L << 32) - 100;          // 100 us before the 32-bit wrap
        long received = sent + 350;            // after it
        int stamp = VoiceStamp.of(sent);
        assertThat(VoiceStamp.ageMicros(received, stamp)).isEqualTo(350);
        assertThat(VoiceStamp.sentMicros(received, stamp)).isEqualTo(sent);
        assertThat(VoiceStamp.ageMicros(5_000, VoiceStamp.of(4_000))).isEqualTo(1_000);
    }

    @Test
    void procNetUdpLinesGiveQueueAndDrops() {
        String text = """
                   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            
                  712: 0100007F:1E14 00000000:0000 07 00000000:00000A00 00:00000000 00000000  1000        0 40123 2 0000000000000000 17
                  713: 0100007F:1E14 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 40124 2 0000000000000000 3
                 1201: 0100007F:A001 0100007F:1E14 01 00000000:00000000 00:00000000 00000000  1000        0 40200 2 0000000000000000 5
                """;
        List<UdpKernelStats.Socket> sockets = UdpKernelStats.parseSockets(text);
        assertThat(sockets).hasSize(3);
        assertThat(sockets.get(0)).isEqualTo(new UdpKernelStats.Socket(0x1E14, 0, 0xA00, 40123, 17));
        assertThat(UdpKernelStats.serverSockets(sockets, 0x1E14)).isEqualTo(2);
        assertThat(UdpKernelStats.serverDrops(sockets, 0x1E14)).isEqualTo(20);
        assertThat(UdpKernelStats.dropsOf(sockets, Set.of(0xA001))).isEqualTo(5);
        assertThat(UdpKernelStats.parseSockets("header only\n")).isEmpty();
    }

    @Test
    void snmpUdpCountersAreFoundByName() {
        String text = """
                Tcp: RtoAlgorithm RtoMin
                Tcp: 1 200
                Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                Udp: 32240 3 7 32823 5 1 0 0 0
                UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
                UdpLite: 0 0 0 0 0 0 0 0 0
                """;
        UdpKernelStats.Totals totals = UdpKernelStats.parseTotals(text);
        assertThat(totals).isEqualTo(new UdpKernelStats.Totals(32240, 32823, 5, 1, 7));
        assertThat(totals.minus(new UdpKernelStats.Totals(32000, 32000, 2, 1, 7)))
                .isEqualTo(new UdpKernelStats.Totals(240, 823, 3, 0, 0));
        assertThat(totals.minus(UdpKernelStats.Totals.UNKNOWN).rcvbufErrors()).isEqualTo(-1);
        assertThat(UdpKernelStats.parseTotals("nothing")).isEqualTo(UdpKernelStats.Totals.UNKNOWN);
    }

    @Test
    void relayCounterDeltasAndDrops() {
        VoiceCounters before = new VoiceCounters(100, 900, 1, 0, 0, 2, 0, 0);
        VoiceCounters after = new VoiceCounters(250, 2200, 1, 3, 0, 7, 0, 0);
        VoiceCounters delta = RelayCounters.minus(after, before);
        assertThat(delta).isEqualTo(new VoiceCounters(150, 1300, 0, 3, 0, 5, 0, 0));
        assertThat(RelayCounters.drops(delta)).isEqualTo(8);
        assertThat(RelayCounters.describeDrops(delta)).isEqualTo("replay 3, rate 5");
        assertThat(RelayCounters.describeDrops(RelayCounters.ZERO)).isEqualTo("none");
    }

    @Test
    void speakersAreSpreadOverTheRoomsInTurn() {
        int[] roomOf = {0, 1, 2, 0, 1, 2, 0, 1, 2};
        assertThat(SpeakerPick.pick(roomOf, 3, 3)).containsExactly(0, 1, 2);
        assertThat(SpeakerPick.pick(roomOf, 3, 5)).containsExactly(0, 1, 2, 3, 4);
        // Uneven rooms: room 1 runs out first, the others go on.
        int[] uneven = {0, 0, 0, 1, 2, 2};
        assertThat(SpeakerPick.pick(uneven, 3, 5)).containsExactly(0, 3, 4, 1, 5);
        assertThat(SpeakerPick.pick(uneven, 3, 100)).hasSize(6);
    }
}
