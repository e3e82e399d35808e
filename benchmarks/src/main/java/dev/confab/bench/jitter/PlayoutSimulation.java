package dev.confab.bench.jitter;

import dev.confab.bench.jitter.NetworkSimulator.Packet;
import dev.confab.client.audio.jitter.JitterBuffer;
import dev.confab.client.audio.jitter.JitterOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Plays a simulated run through a {@link JitterBuffer}, in simulated time (nothing sleeps):
 * arrivals are offered at their times, and the playback clock pulls every frame (from a given
 * phase) until well after the last arrival.
 */
public final class PlayoutSimulation {

    /** One pull's answer, with the packet index for PACKET and FEC (-1 otherwise). */
    public record Pull(long nanos, JitterBuffer.Kind kind, long slot, int packet) { }

    private final List<Pull> pulls = new ArrayList<>();
    private final List<Integer> targets = new ArrayList<>();
    private final List<Double> addedDelayMillis = new ArrayList<>();
    private final JitterBuffer buffer;
    private final NetworkSimulator.Run run;
    private int silencesInTalk;
    private int longestSilenceInTalk;
    private int maxDepthMillis;

    /**
     * @param pullPhaseNanos the first pull's time on the run's clock: the playback clock's phase
     *                       against the sender's frames
     */
    public PlayoutSimulation(JitterOptions options, NetworkSimulator.Run run, long pullPhaseNanos) {
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
        int silent = 0;
        for (Pull p : pulls) {
            if (p.kind() == JitterBuffer.Kind.SILENCE) {
                silent++;
                continue;
            }
            if (p.kind() == JitterBuffer.Kind.STRETCH) {
                continue;
            }
            int spurt = spurtOf(p.slot());
            if (spurt == lastSpurt && silent > 0) {
                silencesInTalk += silent;
                longestSilenceInTalk = Math.max(longestSilenceInTalk, silent);
            }
            lastSpurt = spurt;
            silent = 0;
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

    /** The buffer after the run, with its counters. */
    public JitterBuffer buffer() {
        return buffer;
    }

    public NetworkSimulator.Run run() {
        return run;
    }

    /** Every pull's answer, in order. */
    public List<Pull> pulls() {
        return Collections.unmodifiableList(pulls);
    }

    /** The buffer's target (ms) after each pull. */
    public List<Integer> targets() {
        return Collections.unmodifiableList(targets);
    }

    /** Silent frames answered inside a talk spurt, over the run. */
    public int silencesInTalk() {
        return silencesInTalk;
    }

    /** The longest run of silent frames inside a talk spurt. */
    public int longestSilenceInTalk() {
        return longestSilenceInTalk;
    }

    /** The most audio the buffer held, ms. */
    public int maxDepthMillis() {
        return maxDepthMillis;
    }

    /**
     * The nearest-rank percentile of the added delay of the frames played from their own packet:
     * playout time minus send time minus the network's least delay, ms. NaN if none played.
     */
    public double percentileDelay(double q) {
        double[] d = addedDelayMillis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(d);
        return d.length == 0 ? Double.NaN : d[(int) Math.min(d.length - 1, Math.ceil(q * d.length) - 1)];
    }

    /** Late packets as a share of the packets that arrived. */
    public double latePercent() {
        return 100.0 * buffer.late() / run.arrivals().size();
    }

    public String summary() {
        return String.format(Locale.ROOT, "packets %d, played %d, FEC %d, PLC %d, stretch %d, late %d (%.2f %%),"
                        + " overflow %d, delay p50 %.1f ms p95 %.1f ms, target %d ms, silences in talk %d,"
                        + " max depth %d ms",
                run.arrivals().size(), buffer.played(), buffer.fecFrames(), buffer.plcFrames(), buffer.stretchFrames(),
                buffer.late(), latePercent(), buffer.overflow(), percentileDelay(0.5), percentileDelay(0.95),
                buffer.targetMillis(), silencesInTalk, maxDepthMillis);
    }
}
