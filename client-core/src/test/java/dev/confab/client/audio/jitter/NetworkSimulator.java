package dev.confab.client.audio.jitter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic lossy network for one speaker's packets, with a seed: each packet is lost with
 * some probability, or delayed by a base latency plus a jitter drawn uniformly from
 * {@code [0, jitter]}; some packets are held back until just after the next one (reordering),
 * and some are sent twice. The speaker talks in spurts (1 to 4 s) with pauses (0.3 to 1.5 s) in
 * which DTX sends nothing, as the capture pipeline does; both are drawn in seconds, so either
 * frame size talks alike.
 */
final class NetworkSimulator {


    /** One packet on the wire. */
    record Packet(int index, long slot, int spurt, long sentNanos, long arrivalNanos, boolean duplicate) {
        int timestamp() {
            return (int) slot;
        }
    }

    /** What was sent, and what arrived (sorted by arrival). */
    record Run(List<Packet> sent, List<Packet> arrivals, long baseLatencyNanos, long frameNanos) {
        long lastArrivalNanos() {
            return arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).arrivalNanos();
        }
    }

    int frame = 960;
    long frameNanos = 20_000_000L;
    double lossRate = 0.10;
    long jitterNanos = 40_000_000L;
    double reorderRate = 0.05;
    double duplicateRate = 0;
    long baseLatencyNanos = 30_000_000L;
    boolean spurts = true;
    /** Frames the speaker sends in all (talk only, pauses not counted). */
    int frames = 3000;
    /** Extra jitter for the first {@link #burstyFrames} frames sent (a worse network at first). */
    long earlyJitterNanos = 0;
    int burstyFrames = 0;
    int firstTimestamp = 0x7fff_0000;

    Run run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Packet> sent = new ArrayList<>();
        long slot = firstTimestamp & 0xFFFF_FFFFL;
        long sentNanos = 5_000_000L;
        int spurt = 0;
        int perSecond = (int) (1_000_000_000L / frameNanos);
        int leftInSpurt = spurts ? spurtFrames(random, perSecond) : Integer.MAX_VALUE;
        for (int i = 0; i < frames; i++) {
            if (leftInSpurt == 0) {
                int pause = (int) (perSecond * (0.3 + 1.2 * random.nextDouble()));
                slot += (long) pause * frame;
                sentNanos += pause * frameNanos;
                spurt++;
                leftInSpurt = spurtFrames(random, perSecond);
            }
            sent.add(new Packet(i, slot, spurt, sentNanos, 0, false));
            slot += frame;
            sentNanos += frameNanos;
            leftInSpurt--;
        }

        long[] arrival = new long[sent.size()];
        boolean[] lost = new boolean[sent.size()];
        for (int i = 0; i < sent.size(); i++) {
            lost[i] = random.nextDouble() < lossRate;
            long jitter = i < burstyFrames ? earlyJitterNanos : jitterNanos;
            arrival[i] = sent.get(i).sentNanos() + baseLatencyNanos + (long) (random.nextDouble() * jitter);
        }
        for (int i = 0; i + 1 < sent.size(); i++) {
            if (random.nextDouble() < reorderRate) {
                arrival[i] = Math.max(arrival[i], arrival[i + 1] + 1_000_000L);
            }
        }
        List<Packet> arrivals = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (lost[i]) {
                continue;
            }
            Packet p = sent.get(i);
            arrivals.add(new Packet(i, p.slot(), p.spurt(), p.sentNanos(), arrival[i], false));
            if (random.nextDouble() < duplicateRate) {
                arrivals.add(new Packet(i, p.slot(), p.spurt(), p.sentNanos(),
                        arrival[i] + (long) (random.nextDouble() * 60_000_000L), true));
            }
        }
        arrivals.sort(Comparator.comparingLong(Packet::arrivalNanos));
        return new Run(sent, arrivals, baseLatencyNanos, frameNanos);
    }

    private static int spurtFrames(SplittableRandom random, int perSecond) {
        return (int) (perSecond * (1 + 3 * random.nextDouble()));
    }

    /** A payload naming its packet, so a test can tell which one played. */
    static byte[] payloadOf(Packet p) {
        int i = p.index();
        return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }

    static int indexOf(byte[] payload) {
        return (payload[0] & 0xff) << 24 | (payload[1] & 0xff) << 16 | (payload[2] & 0xff) << 8 | (payload[3] & 0xff);
    }
}
