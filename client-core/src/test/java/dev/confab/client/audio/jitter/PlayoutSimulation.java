package dev.confab.client.audio.jitter;

import dev.confab.client.audio.jitter.NetworkSimulator.Packet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plays a simulated run through a {@link JitterBuffer}: arrivals are offered at their times, and
 * the playback clock pulls every 20 ms (from a given phase) until well after the last arrival.
 */
final class PlayoutSimulation {

    /** One pull's answer, with the packet index for PACKET and FEC (-1 otherwise). */
    record Pull(long nanos, JitterBuffer.Kind kind, long slot, int packet) { }

    final List<Pull> pulls = new ArrayList<>();
    /** The target (ms) at each pull. */
    final List<Integer> targets = new ArrayList<>();
    /** Per frame played from its packet: playout time minus send time minus the network's least delay, ms. */
    final List<Double> addedDelayMillis = new ArrayList<>();
    final JitterBuffer buffer;
    final NetworkSimulator.Run run;
    int silencesInTalk;
    int longestSilenceInTalk;
    int maxDepthMillis;

    PlayoutSimulation(JitterOptions options, NetworkSimulator.Run run, long pullPhaseNanos) {
        this.buffer = new JitterBuffer(options);
        this.run = run;
        JitterBuffer.Playout playout = new JitterBuffer.Playout();
        List<Packet> arrivals = run.arrivals();
        int a = 0;
        long end = run.lastArrivalNanos() + 1_000_000_000L;
        for (long t = pullPhaseNanos; t < end; t += run.frameNanos()) {
            while (a < arrivals.size() && arrivals.get(a).arrivalNanos() <= t) {
                Packet p = arrivals.get(a++);
                buffer.offer(p.timestamp(), NetworkSimulator.payloadOf(p), p.arrivalNanos());
                maxDepthMillis = Math.max(maxDepthMillis, buffer.depthMillis());
            }
            JitterBuffer.Kind kind = buffer.pull(t, playout);
            int packet = playout.payload() == null ? -1 : NetworkSimulator.indexOf(playout.payload());
            pulls.add(new Pull(t, kind, playout.slot(), packet));
            targets.add(buffer.targetMillis());
            if (kind == JitterBuffer.Kind.PACKET) {
                Packet p = run.sent().get(packet);
                addedDelayMillis.add((t - p.sentNanos() - run.baseLatencyNanos()) / 1e6);
            }
        }
        countSilencesInTalk();
    }

    /** Silence answered between two frames of one spurt: a gap while the speaker talks. */
    private void countSilencesInTalk() {
        int lastSpurt = -1;
        int run = 0;
        for (Pull p : pulls) {
            if (p.kind() == JitterBuffer.Kind.SILENCE) {
                run++;
                continue;
            }
            if (p.kind() == JitterBuffer.Kind.STRETCH) {
                continue;
            }
            int spurt = spurtOf(p.slot());
            if (spurt == lastSpurt && run > 0) {
                silencesInTalk += run;
                longestSilenceInTalk = Math.max(longestSilenceInTalk, run);
            }
            lastSpurt = spurt;
            run = 0;
        }
    }

    private int spurtOf(long slot) {
        List<Packet> sent = run.sent();
        int lo = 0;
        int hi = sent.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sent.get(mid).slot() <= slot) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return sent.get(lo).spurt();
    }

    long count(JitterBuffer.Kind kind) {
        return pulls.stream().filter(p -> p.kind() == kind).count();
    }

    double percentileDelay(double q) {
        double[] d = addedDelayMillis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(d);
        return d.length == 0 ? Double.NaN : d[(int) Math.min(d.length - 1, Math.ceil(q * d.length) - 1)];
    }

    double latePercent() {
        return 100.0 * buffer.late() / run.arrivals().size();
    }

    String summary() {
        return String.format("packets %d, played %d, FEC %d, PLC %d, stretch %d, late %d (%.2f %%), overflow %d,"
                        + " delay p50 %.1f ms p95 %.1f ms, target %d ms, silences in talk %d, max depth %d ms",
                run.arrivals().size(), buffer.played(), buffer.fecFrames(), buffer.plcFrames(), buffer.stretchFrames(),
                buffer.late(), latePercent(), buffer.overflow(), percentileDelay(0.5), percentileDelay(0.95),
                buffer.targetMillis(), silencesInTalk, maxDepthMillis);
    }
}
