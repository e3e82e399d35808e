package dev.confab.client.audio.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer on a simulated bad network (seeded, so every run sees the same packets):
 * 10 % loss, a jitter drawn uniformly from 0 to 30 or 40 ms, 5 % of packets held back behind the
 * next one, a speaker talking in spurts with DTX pauses. Each case runs over 3 seeds and 10
 * phases of the playback clock against the sender's frames (the phase alone moves the delay by
 * up to a frame), 60 s of talk each, and the figures are the averages.
 */
class JitterSimulationTest {

    record Figures(double latePercent, double p50, double p95, long fec, long plc, long tail, long stretch,
                   long played, long silencesInTalk, int longestSilenceInTalk, int maxDepth) {
        @Override
        public String toString() {
            return String.format("late %.2f %%, added delay p50 %.1f ms, p95 %.1f ms; per 60 s run: played %d,"
                            + " FEC %d, PLC %d, tail %d, stretch %d; silent frames in talk over all runs %d (longest run %d); max depth %d ms",
                    latePercent, p50, p95, played, fec, plc, tail, stretch, silencesInTalk, longestSilenceInTalk, maxDepthMs());
        }

        int maxDepthMs() {
            return maxDepth;
        }
    }

    static Figures chaos(JitterOptions options, int jitterMillis, int frameMillis) {
        double late = 0;
        List<Double> p50s = new ArrayList<>();
        double p95 = 0;
        long fec = 0;
        long plc = 0;
        long tail = 0;
        long stretch = 0;
        long played = 0;
        long silences = 0;
        int longest = 0;
        int maxDepth = 0;
        int runs = 0;
        for (long seed = 1; seed <= 3; seed++) {
            for (int phase = 0; phase < 20; phase += 2) {
                NetworkSimulator net = new NetworkSimulator();
                net.frame = 48 * frameMillis;
                net.frameNanos = frameMillis * 1_000_000L;
                net.frames = 60_000 / frameMillis;
                net.jitterNanos = jitterMillis * 1_000_000L;
                PlayoutSimulation sim = new PlayoutSimulation(options, net.run(seed), phase * frameMillis * 50_000L);
                late += sim.latePercent();
                p50s.add(sim.percentileDelay(0.5));
                p95 += sim.percentileDelay(0.95);
                fec += sim.buffer.fecFrames();
                plc += sim.buffer.plcFrames();
                tail += sim.buffer.tailFrames();
                stretch += sim.buffer.stretchFrames();
                played += sim.buffer.played();
                silences += sim.silencesInTalk;
                longest = Math.max(longest, sim.longestSilenceInTalk);
                maxDepth = Math.max(maxDepth, sim.maxDepthMillis);
                runs++;
            }
        }
        Collections.sort(p50s);
        double meanP50 = p50s.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Figures(late / runs, meanP50, p95 / runs, fec / runs, plc / runs, tail / runs, stretch / runs,
                played / runs, silences, longest, maxDepth);
    }

    @Test
    void tenPercentLossAndFortyMillisecondsOfJitter() {
        Figures f = chaos(JitterOptions.DEFAULT, 40, 20);
        System.out.println("20 ms frames, 10 % loss, 40 ms jitter, 5 % reorder: " + f);
        assertThat(f.fec()).isPositive();
        assertThat(f.plc()).isPositive();
        // A burst of more losses than the conceal limit (4 frames) ends in one silent frame.
        assertThat(f.longestSilenceInTalk()).as("no gap longer than one frame while the speaker talks").isLessThanOrEqualTo(1);
        assertThat(f.latePercent()).isLessThan(1.0);
        assertThat(f.p50()).isLessThanOrEqualTo(60);
        assertThat(f.maxDepthMs()).isLessThanOrEqualTo(250);
    }

    @Test
    void tenPercentLossAndThirtyMillisecondsOfJitter() {
        Figures f = chaos(JitterOptions.DEFAULT, 30, 20);
        System.out.println("20 ms frames, 10 % loss, 30 ms jitter, 5 % reorder: " + f);
        assertThat(f.fec()).isPositive();
        assertThat(f.plc()).isPositive();
        assertThat(f.longestSilenceInTalk()).isLessThanOrEqualTo(1);
        assertThat(f.latePercent()).isLessThan(1.0);
        assertThat(f.p50()).isLessThanOrEqualTo(60);
    }

    @Test
    void aCleanNetworkWaitsOnlyTheFloor() {
        NetworkSimulator net = new NetworkSimulator();
        net.lossRate = 0;
        net.jitterNanos = 2_000_000L;
        net.reorderRate = 0;
        PlayoutSimulation sim = new PlayoutSimulation(JitterOptions.DEFAULT, net.run(9), 3_000_000L);
        System.out.println("20 ms frames, clean network (2 ms jitter): " + sim.summary());
        assertThat(sim.buffer.late()).isZero();
        assertThat(sim.buffer.fecFrames() + sim.buffer.plcFrames() + sim.buffer.stretchFrames()).isZero();
        assertThat(sim.silencesInTalk).isZero();
        assertThat(sim.percentileDelay(0.5)).isBetween(40.0, 60.0);

        // The low-latency profile: 10 ms frames and a 20 ms floor.
        net.frame = 480;
        net.frameNanos = 10_000_000L;
        net.frames = 6000;
        PlayoutSimulation low = new PlayoutSimulation(JitterOptions.LOW_LATENCY, net.run(9), 3_000_000L);
        System.out.println("10 ms frames, clean network (2 ms jitter): " + low.summary());
        assertThat(low.buffer.late()).isZero();
        assertThat(low.silencesInTalk).isZero();
        assertThat(low.percentileDelay(0.5)).isBetween(20.0, 30.0);
    }

    @Test
    void lowLatencyProfileUnderChaos() {
        Figures f = chaos(JitterOptions.LOW_LATENCY, 30, 10);
        System.out.println("10 ms frames, 10 % loss, 30 ms jitter, 5 % reorder: " + f);
        assertThat(f.fec()).isPositive();
        assertThat(f.longestSilenceInTalk()).isLessThanOrEqualTo(1);
        assertThat(f.latePercent()).isLessThan(1.5);
    }

    /**
     * The target follows the network: 100 ms of jitter for the first 20 s deepens the buffer; on
     * a calm network afterwards it comes back to the floor, the playout delay with it, and only
     * between spurts (stretching, never skipping, while one plays).
     */
    @Test
    void growsWithJitterAndShrinksInSilence() {
        NetworkSimulator net = new NetworkSimulator();
        net.lossRate = 0;
        net.reorderRate = 0;
        net.jitterNanos = 2_000_000L;
        net.earlyJitterNanos = 100_000_000L;
        net.burstyFrames = 1000;
        net.frames = 3000;
        PlayoutSimulation sim = new PlayoutSimulation(JitterOptions.DEFAULT, net.run(4), 5_000_000L);
        int early = sim.targets.subList(300, 1000).stream().mapToInt(Integer::intValue).max().orElseThrow();
        int late = sim.targets.get(sim.targets.size() - 1);
        double earlyDelay = median(sim, 0, 1000);
        double lateDelay = median(sim, 2500, 3000);
        System.out.printf("100 ms jitter then 2 ms: target up to %d ms then %d ms; added delay p50 %.0f ms then %.0f ms;"
                + " stretches %d, late %d%n", early, late, earlyDelay, lateDelay, sim.buffer.stretchFrames(), sim.buffer.late());
        assertThat(early).isGreaterThanOrEqualTo(90);
        assertThat(late).isEqualTo(40);
        assertThat(earlyDelay).isGreaterThan(90);
        assertThat(lateDelay).isLessThan(60);
        assertThat(sim.buffer.stretchFrames()).isPositive();
        assertThat(sim.silencesInTalk).isZero();
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        NetworkSimulator net = new NetworkSimulator();
        net.duplicateRate = 0.2;
        PlayoutSimulation sim = new PlayoutSimulation(JitterOptions.DEFAULT, net.run(5), 1_000_000L);
        long copies = sim.run.arrivals().stream().filter(NetworkSimulator.Packet::duplicate).count();
        long played = sim.pulls.stream().filter(p -> p.kind() == JitterBuffer.Kind.PACKET).map(PlayoutSimulation.Pull::packet).distinct().count();
        assertThat(played).as("no frame played twice").isEqualTo(sim.buffer.played());
        // A copy is a duplicate if its first came in time, late if both came after the frame played.
        assertThat(sim.buffer.duplicates()).isGreaterThan(copies * 9 / 10).isLessThanOrEqualTo(copies);
    }

    /** Sender timestamps restart (a new voice session): after three far-off packets the buffer starts over. */
    @Test
    void aJumpInTheSendersClockRestartsTheBuffer() {
        JitterBuffer buffer = new JitterBuffer(JitterOptions.DEFAULT);
        JitterBuffer.Playout out = new JitterBuffer.Playout();
        long t = 0;
        int ts = 5_000_000;
        long played = 0;
        for (int i = 0; i < 200; i++, t += 20_000_000L, ts += 960) {
            if (i == 100) {
                ts = 17; // the clock starts again near 0
            }
            buffer.offer(ts, new byte[] {1}, t);
            played += buffer.pull(t, out) == JitterBuffer.Kind.PACKET ? 1 : 0;
        }
        assertThat(buffer.resyncs()).isEqualTo(1);
        assertThat(buffer.late()).isEqualTo(2);
        assertThat(played).isGreaterThan(190);
        assertThat(buffer.targetMillis()).isEqualTo(40);
    }

    @Test
    void optionsAreChecked() {
        assertThat(JitterOptions.DEFAULT.concealFrames()).isEqualTo(4);
        assertThat(JitterOptions.DEFAULT.maxDepthFrames()).isEqualTo(12);
        assertThat(JitterOptions.LOW_LATENCY.frameMillis()).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JitterOptions.DEFAULT.withFrameSamples(720))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JitterOptions.DEFAULT.withMinDelay(Duration.ofMillis(300)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JitterOptions.DEFAULT.withPercentile(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double median(PlayoutSimulation sim, int fromPacket, int toPacket) {
        List<Double> delays = new ArrayList<>();
        for (PlayoutSimulation.Pull p : sim.pulls) {
            if (p.kind() == JitterBuffer.Kind.PACKET && p.packet() >= fromPacket && p.packet() < toPacket) {
                NetworkSimulator.Packet sent = sim.run.sent().get(p.packet());
                delays.add((p.nanos() - sent.sentNanos() - sim.run.baseLatencyNanos()) / 1e6);
            }
        }
        Collections.sort(delays);
        return delays.get(delays.size() / 2);
    }
}
