package dev.confab.bench.jitter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic lossy network for one speaker's packets, with a seed: each packet is lost with
 * some probability, or delayed by a base latency ({@value #BASE_LATENCY_MILLIS} ms) plus a jitter
 * drawn uniformly from {@code [0, jitter]}; some packets are held back until just after the next
 * one (reordering), and some are sent twice. The speaker talks in spurts (1 to 4 s) with pauses
 * (0.3 to 1.5 s) in which DTX sends nothing, as the capture pipeline does; both are drawn in
 * seconds, so either frame size talks alike.
 *
 * <p>Immutable: the settings, with withers; {@link #run} draws one run from a seed.
 *
 * @param frameMillis       the time between packets, and the audio in each (48 samples per ms)
 * @param frames            frames the speaker sends in all (talk only, pauses not counted)
 * @param lossRate          the share of packets lost, each independently, 0 to 1
 * @param jitterMillis      the largest jitter; each packet's is uniform in [0, this]
 * @param reorderRate       the share of packets held back until just after the next one, 0 to 1
 * @param duplicateRate     the share of packets that arrive a second time, up to 60 ms later, 0 to 1
 * @param earlyJitterMillis the jitter instead for the first {@code earlyFrames} frames sent (a worse network at first)
 * @param earlyFrames       how many frames {@code earlyJitterMillis} applies to
 */
public record NetworkSimulator(int frameMillis, int frames, double lossRate, int jitterMillis, double reorderRate,
                               double duplicateRate, int earlyJitterMillis, int earlyFrames) {

    /** The network's least delay, which "added delay" is counted from. */
    public static final int BASE_LATENCY_MILLIS = 30;
    /**
     * 20 ms frames, 60 s of talk, 10 % loss, 40 ms jitter, 5 % reordering, no duplicates.
     */
    public static final NetworkSimulator DEFAULT = new NetworkSimulator(20, 3000, 0.10, 40, 0.05, 0, 0, 0);

    private static final long MILLI = 1_000_000L;
    private static final int SAMPLES_PER_MILLI = 48;
    /** Near the wrap of the 32-bit timestamp, so every run crosses it. */
    private static final int FIRST_TIMESTAMP = 0x7fff_0000;

    public NetworkSimulator {
        if (frameMillis <= 0 || 1000 % frameMillis != 0) {
            throw new IllegalArgumentException("frameMillis must divide a second, not " + frameMillis);
        }
        if (frames < 1 || jitterMillis < 0 || earlyJitterMillis < 0 || earlyFrames < 0) {
            throw new IllegalArgumentException("need frames >= 1 and jitters and earlyFrames >= 0");
        }
        checkRate("lossRate", lossRate);
        checkRate("reorderRate", reorderRate);
        checkRate("duplicateRate", duplicateRate);
    }

    /** One packet on the wire. */
    public record Packet(int index, long slot, int spurt, long sentNanos, long arrivalNanos, boolean duplicate) {
        /** The sender's 32-bit timestamp, as the jitter buffer gets it. */
        public int timestamp() {
            return (int) slot;
        }
    }

    /** What was sent, and what arrived (sorted by arrival). */
    public record Run(List<Packet> sent, List<Packet> arrivals, long baseLatencyNanos, long frameNanos) {
        public long lastArrivalNanos() {
            return arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).arrivalNanos();
        }
    }

    public NetworkSimulator withFrameMillis(int millis) {
        return new NetworkSimulator(millis, frames, lossRate, jitterMillis, reorderRate, duplicateRate,
                earlyJitterMillis, earlyFrames);
    }

    public NetworkSimulator withFrames(int count) {
        return new NetworkSimulator(frameMillis, count, lossRate, jitterMillis, reorderRate, duplicateRate,
                earlyJitterMillis, earlyFrames);
    }

    /** {@link #withFrames} for this long a talk at the current frame size. */
    public NetworkSimulator withTalkSeconds(int seconds) {
        return withFrames(seconds * (1000 / frameMillis));
    }

    public NetworkSimulator withLoss(double rate) {
        return new NetworkSimulator(frameMillis, frames, rate, jitterMillis, reorderRate, duplicateRate,
                earlyJitterMillis, earlyFrames);
    }

    public NetworkSimulator withJitterMillis(int millis) {
        return new NetworkSimulator(frameMillis, frames, lossRate, millis, reorderRate, duplicateRate,
                earlyJitterMillis, earlyFrames);
    }

    public NetworkSimulator withReorder(double rate) {
        return new NetworkSimulator(frameMillis, frames, lossRate, jitterMillis, rate, duplicateRate,
                earlyJitterMillis, earlyFrames);
    }

    public NetworkSimulator withDuplicates(double rate) {
        return new NetworkSimulator(frameMillis, frames, lossRate, jitterMillis, reorderRate, rate,
                earlyJitterMillis, earlyFrames);
    }

    /** A jitter of {@code millis} instead for the first {@code count} frames sent. */
    public NetworkSimulator withEarlyJitter(int millis, int count) {
        return new NetworkSimulator(frameMillis, frames, lossRate, jitterMillis, reorderRate, duplicateRate,
                millis, count);
    }

    /** The samples in a frame at 48 kHz, the sender's timestamp step. */
    public int frameSamples() {
        return SAMPLES_PER_MILLI * frameMillis;
    }

    /** One run; the same seed and settings always give the same packets. */
    public Run run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long frameNanos = frameMillis * MILLI;
        List<Packet> sent = new ArrayList<>();
        long slot = FIRST_TIMESTAMP & 0xFFFF_FFFFL;
        long sentNanos = 5 * MILLI;
        int spurt = 0;
        int perSecond = 1000 / frameMillis;
        int leftInSpurt = spurtFrames(random, perSecond);
        for (int i = 0; i < frames; i++) {
            if (leftInSpurt == 0) {
                int pause = (int) (perSecond * (0.3 + 1.2 * random.nextDouble()));
                slot += (long) pause * frameSamples();
                sentNanos += pause * frameNanos;
                spurt++;
                leftInSpurt = spurtFrames(random, perSecond);
            }
            sent.add(new Packet(i, slot, spurt, sentNanos, 0, false));
            slot += frameSamples();
            sentNanos += frameNanos;
            leftInSpurt--;
        }

        long baseLatencyNanos = BASE_LATENCY_MILLIS * MILLI;
        long[] arrival = new long[sent.size()];
        boolean[] lost = new boolean[sent.size()];
        for (int i = 0; i < sent.size(); i++) {
            lost[i] = random.nextDouble() < lossRate;
            long jitter = (i < earlyFrames ? earlyJitterMillis : jitterMillis) * MILLI;
            arrival[i] = sent.get(i).sentNanos() + baseLatencyNanos + (long) (random.nextDouble() * jitter);
        }
        for (int i = 0; i + 1 < sent.size(); i++) {
            if (random.nextDouble() < reorderRate) {
                arrival[i] = Math.max(arrival[i], arrival[i + 1] + MILLI);
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
                        arrival[i] + (long) (random.nextDouble() * 60 * MILLI), true));
            }
        }
        arrivals.sort(Comparator.comparingLong(Packet::arrivalNanos));
        return new Run(List.copyOf(sent), List.copyOf(arrivals), baseLatencyNanos, frameNanos);
    }

    private static int spurtFrames(SplittableRandom random, int perSecond) {
        return (int) (perSecond * (1 + 3 * random.nextDouble()));
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) { // also refuses NaN
            throw new IllegalArgumentException(name + " must be from 0 to 1, not " + rate);
        }
    }

    /** A payload naming its packet, so a simulation can tell which one played. */
    static byte[] payloadOf(Packet p) {
        int i = p.index();
        return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }

    static int indexOf(byte[] payload) {
        return (payload[0] & 0xff) << 24 | (payload[1] & 0xff) << 16 | (payload[2] & 0xff) << 8 | (payload[3] & 0xff);
    }
}
