package dev.confab.client.audio.jitter;

import java.util.Arrays;
import java.util.Objects;

/**
 * One speaker's adaptive jitter buffer: packets go in as they arrive, in any order, and the
 * playback clock takes one decision out per frame, whatever arrived. The algorithm, its bounds
 * and its states are described in the package documentation; in short:
 * <ul>
 *   <li>{@link #offer} files a packet by its 32-bit timestamp (unwrapped to 64 bits), or drops
 *       and counts it: a duplicate, one too late for its slot, one that would hold more than
 *       {@code maxDelay} of audio, one off the spurt's frame grid, or an empty one;</li>
 *   <li>{@link #pull} answers {@link Kind#PACKET} (the next frame's packet),
 *       {@link Kind#FEC} (the next frame is missing and the one after it is here: rebuild it from
 *       that one's FEC), {@link Kind#PLC} (missing, nothing to rebuild it from),
 *       {@link Kind#STRETCH} (conceal one frame without moving on, to deepen the buffer) or
 *       {@link Kind#SILENCE} (the speaker is not talking, or the spurt waits for its start).</li>
 * </ul>
 * Times are given by the caller in nanoseconds of one monotonic clock ({@link System#nanoTime()}
 * in use, a simulated one in tests), so the buffer itself never reads a clock.
 *
 * <p>Not thread-safe: {@link SpeakerStream} guards it with a lock. {@link #pull} and the
 * read-only methods allocate nothing.
 */
public final class JitterBuffer {

    /** What the playback clock should play for one frame. */
    public enum Kind {
        /** Decode {@link Playout#payload()}, the packet of frame {@link Playout#slot()}. */
        PACKET,
        /** Frame {@link Playout#slot()} is lost; rebuild it from the FEC in {@link Playout#payload()}, the next frame's packet. */
        FEC,
        /** Frame {@link Playout#slot()} is lost and nothing follows it yet: conceal it (PLC). */
        PLC,
        /** Conceal one frame (PLC) but stay on frame {@link Playout#slot()}: the buffer grows by a frame. */
        STRETCH,
        /** Play silence: nothing is due. */
        SILENCE
    }

    /** What became of an offered packet. */
    public enum Arrival {
        /** Filed to be played. */
        ACCEPTED,
        /** Its frame was filed or played already. */
        DUPLICATE,
        /** Its frame was played, concealed or skipped already. */
        LATE,
        /** It lies more than {@code maxDelay} ahead of what plays: dropped. */
        OVERFLOW,
        /** Empty, or not on the frame grid of the spurt playing. */
        INVALID
    }

    /**
     * One pull's answer. The buffer fills in the caller's instance, so pulling allocates nothing.
     * The payload is the sender's array, never written by anyone: it may be read after the
     * buffer's lock is released.
     */
    public static final class Playout {
        private Kind kind = Kind.SILENCE;
        private long slot;
        private byte[] payload;

        public Kind kind() {
            return kind;
        }

        /**
         * The frame this answer is about, as the sender's timestamp unwrapped to 64 bits (the
         * first packet is taken to lie in [0, 2^32)). Meaningless for {@link Kind#SILENCE}; for
         * {@link Kind#STRETCH} it is the frame still to come.
         */
        public long slot() {
            return slot;
        }

        /** The sender's 32-bit timestamp of {@link #slot()}. */
        public int timestamp() {
            return (int) slot;
        }

        /** The packet to decode for {@link Kind#PACKET} and {@link Kind#FEC}; otherwise null. */
        public byte[] payload() {
            return payload;
        }

        /** Forgets the payload, so it is not kept from the garbage collector. */
        public void clear() {
            kind = Kind.SILENCE;
            payload = null;
        }

        Kind set(Kind kind, long slot, byte[] payload) {
            this.kind = kind;
            this.slot = slot;
            this.payload = payload;
            return kind;
        }
    }

    /** Consecutive far-off packets after which the sender's clock is taken to have jumped. */
    static final int RESYNC_AFTER = 3;
    /** How far from the baseline (in samples, 1 s) a packet's transit must be to count as far off. */
    static final long RESYNC_SAMPLES = JitterOptions.SAMPLE_RATE;

    private final int frame;
    private final long minTarget;
    private final long startTarget;
    private final int evidencePackets;
    private final long maxDelay;
    private final int maxDepthFrames;
    private final int concealFrames;
    private final DelayEstimator estimator;

    // The store: a ring over slots of the current grid. A packet is buffered at index i when
    // payloads[i] != null; seen[i] is the last slot filed at i, kept after it is played, so a
    // duplicate of a recently played frame is told apart from a late one.
    private final long[] seen;
    private final byte[][] payloads;
    private final int mask;
    private int buffered;
    private long oldest;
    private long newest;
    private long grid;
    private boolean gridSet;

    // Unwrapping the 32-bit timestamps.
    private boolean started;
    private long highest;
    private int farOff;

    // Playout.
    private boolean playing;
    private long next;
    private long lastOut = Long.MIN_VALUE;
    private int emptyRun;
    /** PLC answers since the last frame with a packet behind it (PACKET or FEC). */
    private int concealedRun;

    // Counters (read through the accessors, under the owner's lock).
    private long accepted;
    private long played;
    private long fecFrames;
    private long plcFrames;
    private long stretchFrames;
    private long tailFrames;
    private long late;
    private long duplicates;
    private long overflow;
    private long invalid;
    private long resyncs;
    private long flushed;

    public JitterBuffer(JitterOptions options) {
        Objects.requireNonNull(options, "options");
        this.frame = options.frameSamples();
        this.minTarget = toSamples(options.minDelay().toNanos());
        this.startTarget = toSamples(options.startDelay().toNanos());
        this.evidencePackets = options.evidencePackets();
        this.maxDelay = toSamples(options.maxDelay().toNanos());
        this.maxDepthFrames = options.maxDepthFrames();
        this.concealFrames = options.concealFrames();
        this.estimator = new DelayEstimator(options.historyPackets(), options.percentile());
        int capacity = Integer.highestOneBit(2 * maxDepthFrames + 2) << 1;
        this.seen = new long[capacity];
        this.payloads = new byte[capacity][];
        this.mask = capacity - 1;
        Arrays.fill(seen, Long.MIN_VALUE);
    }

    /**
     * Files a packet.
     *
     * @param timestamp   the sender's 48 kHz sample clock at the frame
     * @param payload     the packet, kept as it is (not copied); the caller must not change it
     * @param arrivalNanos when it arrived, on the clock {@link #pull} is given
     */
    public Arrival offer(int timestamp, byte[] payload, long arrivalNanos) {
        if (payload == null || payload.length == 0) {
            invalid++;
            return Arrival.INVALID;
        }
        long arrival = toSamples(arrivalNanos);
        long slot = unwrap(timestamp);
        if (estimator.hasData()) {
            long excess = arrival - slot - estimator.baseline();
            if (Math.abs(excess) > RESYNC_SAMPLES) {
                if (++farOff < RESYNC_AFTER) {
                    // Too far off to learn from; filed or dropped by the usual rules.
                    return file(slot, payload);
                }
                resync();
                slot = unwrap(timestamp);
            }
        }
        farOff = 0;
        estimator.add(arrival - slot);
        return file(slot, payload);
    }

    private Arrival file(long slot, byte[] payload) {
        if (playing ? slot < next : slot <= lastOut) {
            return lateOrDuplicate(slot);
        }
        if (gridSet && Math.floorMod(slot - grid, frame) != 0) {
            invalid++;
            return Arrival.INVALID;
        }
        if (!gridSet) {
            grid = slot;
            gridSet = true;
        }
        int i = index(slot);
        if (payloads[i] != null && seen[i] == slot) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        if (playing) {
            // Keep what plays continuous: the newcomer is the one that does not fit.
            if (slot - next >= (long) maxDepthFrames * frame) {
                overflow++;
                return Arrival.OVERFLOW;
            }
        } else if (buffered > 0) {
            long low = Math.min(oldest, slot);
            long high = Math.max(newest, slot);
            if (high - low >= (long) maxDepthFrames * frame) {
                if (slot < oldest) {
                    overflow++;
                    return Arrival.OVERFLOW;
                }
                // Nothing of this spurt has played: drop its beginning rather than its end.
                while (buffered > 0 && slot - oldest >= (long) maxDepthFrames * frame) {
                    dropOldest();
                }
            }
        }
        payloads[i] = payload;
        seen[i] = slot;
        if (buffered == 0) {
            oldest = slot;
            newest = slot;
        } else {
            oldest = Math.min(oldest, slot);
            newest = Math.max(newest, slot);
        }
        buffered++;
        accepted++;
        return Arrival.ACCEPTED;
    }

    private Arrival lateOrDuplicate(long slot) {
        if (seen[index(slot)] == slot) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        late++;
        return Arrival.LATE;
    }

    /**
     * Decides what plays for the frame starting now, at the playback clock's cadence (once per
     * frame).
     *
     * @param nowNanos the playback clock, on the clock {@link #offer} was given
     * @param out      filled in with the decision
     * @return the decision's kind, as in {@code out}
     */
    public Kind pull(long nowNanos, Playout out) {
        long now = toSamples(nowNanos);
        long baseline = estimator.baseline();
        long target = target();
        if (!playing) {
            if (buffered == 0) {
                gridSet = false;
                return out.set(Kind.SILENCE, lastOut, null);
            }
            // A spurt starts no further behind than maxDelay: an old beginning is dropped.
            while (buffered > 1 && now - (oldest + baseline) > maxDelay) {
                dropOldest();
            }
            if (now < oldest + baseline + target) {
                return out.set(Kind.SILENCE, lastOut, null);
            }
            playing = true;
            next = oldest;
            emptyRun = 0;
        }

        int i = index(next);
        if (payloads[i] != null && seen[i] == next) {
            byte[] payload = payloads[i];
            remove(i);
            emptyRun = 0;
            concealedRun = 0;
            played++;
            return advance(out, Kind.PACKET, payload);
        }

        long delay = now - (next + baseline);
        boolean grow = delay < target && delay + frame <= maxDelay;
        if (buffered == 0) {
            if (++emptyRun > concealFrames) {
                return stop(out);
            }
        } else {
            emptyRun = 0;
            if (oldest - next > (long) concealFrames * frame) {
                // A gap longer than any concealment: the speaker paused. What follows starts a
                // new spurt at its own time (the delay adapts there, both ways).
                return stop(out);
            }
        }
        if (grow) {
            stretchFrames++;
            return out.set(Kind.STRETCH, next, null);
        }
        if (buffered > 0 && oldest == next + frame) {
            fecFrames++;
            concealedRun = 0;
            return advance(out, Kind.FEC, payloads[index(oldest)]);
        }
        plcFrames++;
        concealedRun++;
        return advance(out, Kind.PLC, null);
    }

    private Kind advance(Playout out, Kind kind, byte[] payload) {
        out.set(kind, next, payload);
        lastOut = next;
        next += frame;
        return kind;
    }

    private Kind stop(Playout out) {
        // The frames concealed since the last packet followed the speaker's last words: a tail,
        // not a loss (the two cannot be told apart, and a pause is far likelier).
        plcFrames -= concealedRun;
        tailFrames += concealedRun;
        concealedRun = 0;
        playing = false;
        emptyRun = 0;
        if (buffered == 0) {
            gridSet = false;
        }
        return out.set(Kind.SILENCE, lastOut, null);
    }

    /**
     * The playout delay aimed at, in samples: the excess percentile within [minDelay, maxDelay],
     * and not below startDelay until a second of packets has shown how they arrive.
     */
    long target() {
        long floor = estimator.excessCount() < evidencePackets ? startTarget : minTarget;
        return Math.max(floor, Math.min(maxDelay, estimator.excessPercentile()));
    }

    /** The playout delay aimed at, in milliseconds. */
    public int targetMillis() {
        return (int) (target() / 48);
    }

    /**
     * The audio held from the playout point to the end of the newest packet, gaps included, in
     * milliseconds; 0 when nothing is buffered. Never more than {@code maxDelay}.
     */
    public int depthMillis() {
        if (buffered == 0) {
            return 0;
        }
        long from = playing ? next : oldest;
        return (int) ((newest + frame - from) / 48);
    }

    /**
     * How late the frame due now plays compared with the fastest recent packets, in milliseconds:
     * the delay the buffer adds. 0 unless a spurt is playing.
     */
    public int delayMillis(long nowNanos) {
        if (!playing) {
            return 0;
        }
        return (int) Math.max(0, (toSamples(nowNanos) - (next + estimator.baseline())) / 48);
    }

    /** Whether a talk spurt is playing (as opposed to silence, or waiting for one to start). */
    public boolean playing() {
        return playing;
    }

    /** Packets filed and not yet played. */
    public int buffered() {
        return buffered;
    }

    /** Packets filed to be played. */
    public long accepted() {
        return accepted;
    }

    /** Frames answered with {@link Kind#PACKET}. */
    public long played() {
        return played;
    }

    /** Frames answered with {@link Kind#FEC}. */
    public long fecFrames() {
        return fecFrames;
    }

    /**
     * Frames answered with {@link Kind#PLC} for a frame lost within a spurt. PLC answers after
     * a spurt's last packet, before the buffer falls silent, count as {@link #tailFrames()} instead.
     */
    public long plcFrames() {
        return plcFrames;
    }

    /**
     * Frames answered with {@link Kind#PLC} after a spurt's last packet, before the buffer fell
     * silent: concealment that lets the voice fade out rather than a loss.
     */
    public long tailFrames() {
        return tailFrames;
    }

    /** Frames answered with {@link Kind#STRETCH}. */
    public long stretchFrames() {
        return stretchFrames;
    }

    /** Packets that came after their frame was played, concealed or skipped. */
    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    /**
     * Packets dropped for lying beyond {@code maxDelay}: on arrival while a spurt plays, or (the
     * oldest) before a spurt starts.
     */
    public long overflow() {
        return overflow;
    }

    /** Empty packets and packets off the frame grid. */
    public long invalid() {
        return invalid;
    }

    /** Times the sender's clock was taken to have jumped and the buffer started over. */
    public long resyncs() {
        return resyncs;
    }

    /** Buffered packets thrown away by those restarts. */
    public long flushed() {
        return flushed;
    }

    private void resync() {
        resyncs++;
        for (int i = 0; i < payloads.length; i++) {
            if (payloads[i] != null) {
                payloads[i] = null;
                flushed++;
            }
            seen[i] = Long.MIN_VALUE;
        }
        buffered = 0;
        gridSet = false;
        started = false;
        playing = false;
        lastOut = Long.MIN_VALUE;
        emptyRun = 0;
        concealedRun = 0;
        farOff = 0;
        estimator.reset();
    }

    private void dropOldest() {
        remove(index(oldest));
        overflow++;
    }

    /** Removes the packet at ring index {@code i}, which must be the oldest buffered. */
    private void remove(int i) {
        payloads[i] = null;
        buffered--;
        if (buffered > 0) {
            long slot = oldest + frame;
            while (payloads[index(slot)] == null || seen[index(slot)] != slot) {
                slot += frame;
            }
            oldest = slot;
        }
    }

    private int index(long slot) {
        return (int) (Math.floorDiv(slot - grid, frame) & mask);
    }

    private long unwrap(int timestamp) {
        if (!started) {
            started = true;
            highest = timestamp & 0xFFFF_FFFFL;
            return highest;
        }
        long slot = highest + (timestamp - (int) highest);
        highest = Math.max(highest, slot);
        return slot;
    }

    /** Nanoseconds as samples at 48 kHz, exactly (rounded down), for any long. */
    static long toSamples(long nanos) {
        return Math.floorDiv(nanos, 125_000L) * 6 + Math.floorMod(nanos, 125_000L) * 6 / 125_000L;
    }
}
