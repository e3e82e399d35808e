package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.VoiceCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceLevelTest {

    private static final LatencyRecorder.Summary NO_LATENCY = new LatencyRecorder.Summary(0, 0, 0, 0, 0, 0);
    private static final VoiceTraffic.ReceiverTotals RECEIVED =
            new VoiceTraffic.ReceiverTotals(0, 0, 0, 10, 0, 0, 0, 0);

    /** 100 speakers for 10 s: 50,000 frames, 9 receivers each. */
    private static VoiceLevel.Outcome outcome(long received, VoiceCounters relay, long serverSocketDrops,
                                              long clientSocketDrops, long refused, double serverCores) {
        VoiceTraffic.Sent sent = new VoiceTraffic.Sent(52_000, 50_000, 450_000, refused, 5_000, NO_LATENCY);
        VoiceTraffic.Run run = new VoiceTraffic.Run(sent, received, NO_LATENCY, RECEIVED);
        return new VoiceLevel.Outcome(100, 10, run, relay, serverSocketDrops, 2, clientSocketDrops,
                new UdpKernelStats.Totals(0, 0, 0, 0, 0), 0, serverCores, 0, 0.3, 0, 0, List.of(), List.of());
    }

    @Test
    void aLevelWithEverythingDeliveredIsCleanAndCostsServerCpuPerPacket() {
        VoiceLevel.Outcome all = outcome(450_000, RelayCounters.ZERO, 0, 0, 0, 0.45);
        assertThat(all.clean(0.1)).isTrue();
        assertThat(all.deliveredPerSecond()).isEqualTo(45_000);
        assertThat(all.lossPercent()).isZero();
        // 0.45 cores for 10 s over 450,000 packets: 10 us each.
        assertThat(all.serverMicrosPerDelivered()).isEqualTo(10.0);
        assertThat(all.limits()).isEmpty();
    }

    @Test
    void kernelDropsAtTheRelaysSocketsBlameTheServer() {
        // 100 uplink frames dropped by the kernel: 900 deliveries never made.
        VoiceLevel.Outcome dropped = outcome(449_100, RelayCounters.ZERO, 100, 0, 0, 0.9);
        assertThat(dropped.serverSideDrops()).isEqualTo(100);
        assertThat(dropped.serverSideDropPercent()).isEqualTo(0.2);
        assertThat(dropped.clean(0.1)).isFalse();
        assertThat(dropped.limits()).singleElement().asString().startsWith("server: the kernel dropped 100");
    }

    @Test
    void relayDropsAreServerSideToo() {
        VoiceCounters rate = new VoiceCounters(50_000, 449_000, 0, 0, 0, 100, 0, 0);
        VoiceLevel.Outcome limited = outcome(449_100, rate, 0, 0, 0, 0.5);
        assertThat(limited.relayDrops()).isEqualTo(100);
        assertThat(limited.clean(0.1)).isFalse();
        assertThat(limited.limits()).singleElement().asString().contains("rate 100");
    }

    @Test
    void dropsAtTheGeneratorsOwnSocketsBlameTheGenerator() {
        VoiceLevel.Outcome slowReader = outcome(440_000, RelayCounters.ZERO, 0, 10_000, 0, 0.5);
        assertThat(slowReader.lossPercent()).isGreaterThan(2);
        assertThat(slowReader.serverSideDrops()).isZero();
        assertThat(slowReader.clean(0.1)).isFalse();
        assertThat(slowReader.limits()).singleElement().asString().startsWith("load generator");
    }

    @Test
    void lossWithNoDropCountedAnywhereIsSaidToBeUncounted() {
        VoiceLevel.Outcome silent = outcome(449_000, RelayCounters.ZERO, 0, 0, 0, 0.5);
        assertThat(silent.limits()).singleElement().asString().startsWith("1000 deliveries lost with no drop counted");
        // Within tolerance it is still clean.
        assertThat(silent.clean(0.5)).isTrue();
    }

    @Test
    void latencySummariesMergeSeveralRecorders() {
        LatencyRecorder a = new LatencyRecorder(10);
        LatencyRecorder b = new LatencyRecorder(2);
        for (int i = 1; i <= 5; i++) {
            a.record(i * 1_000_000L);
        }
        for (int i = 6; i <= 8; i++) {
            b.record(i * 1_000_000L); // the third does not fit: counted as overflow
        }
        LatencyRecorder.Summary both = LatencyRecorder.summary(List.of(a, b));
        assertThat(both.count()).isEqualTo(7);
        assertThat(both.overflow()).isEqualTo(1);
        assertThat(both.p50Millis()).isEqualTo(4);
        assertThat(both.maxMillis()).isEqualTo(7);
    }
}
