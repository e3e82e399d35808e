package dev.confab.client.audio.jitter;

import dev.confab.client.voice.AudioListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The remote speakers heard now: a {@link SpeakerStream} per speaker, created on their first
 * packet and let go when told they left ({@link #remove}) or after a silence
 * ({@link #evictSilent}). It is the {@link AudioListener} the voice connection delivers to.
 *
 * <h2>Threads</h2>
 * The directory (speaker ids, sorted, and their streams) is an immutable pair of arrays behind
 * one volatile field: packets find their stream by a binary search with no lock and no boxing, and
 * the playback thread walks {@link #streams()} with no lock and no allocation. Creating, removing
 * and evicting (rare) copy the arrays under a lock and publish the copy. A stream removed while
 * the playback thread holds the old array is read once more, harmlessly; a packet that races an
 * eviction may land in the stream being let go and be lost, which only happens after
 * {@code evictAfter} of silence.
 */
public final class Speakers implements AudioListener {

    /** Streams let go after this much silence, by default. */
    public static final Duration DEFAULT_EVICT_AFTER = Duration.ofSeconds(30);
    /** The most speakers heard at once, by default; packets from more are dropped, counted. */
    public static final int DEFAULT_MAX_SPEAKERS = 64;

    private record Directory(long[] ids, SpeakerStream[] streams) {
        static final Directory EMPTY = new Directory(new long[0], new SpeakerStream[0]);
    }

    private final JitterOptions options;
    private final long evictAfterNanos;
    private final int maxSpeakers;
    private final LongSupplier nanoClock;

    private final Object lock = new Object();
    private volatile Directory directory = Directory.EMPTY;
    private final AtomicLong droppedNoRoom = new AtomicLong();
    private volatile long created;
    private volatile long evicted;

    /** Default bounds and {@link System#nanoTime()}. */
    public Speakers(JitterOptions options) {
        this(options, DEFAULT_EVICT_AFTER, DEFAULT_MAX_SPEAKERS, System::nanoTime);
    }

    /**
     * @param options     for every stream
     * @param evictAfter  silence after which a stream is let go by {@link #evictSilent}
     * @param maxSpeakers the most streams at once
     * @param nanoClock   the clock {@link #audio} stamps arrivals with; the playback thread must
     *                    read the same one
     */
    public Speakers(JitterOptions options, Duration evictAfter, int maxSpeakers, LongSupplier nanoClock) {
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(evictAfter, "evictAfter");
        if (evictAfter.isNegative() || evictAfter.isZero()) {
            throw new IllegalArgumentException("evictAfter must be positive, not " + evictAfter);
        }
        if (maxSpeakers < 1) {
            throw new IllegalArgumentException("maxSpeakers must be at least 1, not " + maxSpeakers);
        }
        this.evictAfterNanos = evictAfter.toNanos();
        this.maxSpeakers = maxSpeakers;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Files a packet from the voice connection, stamped with the clock's time now. */
    @Override
    public void audio(long speaker, int timestamp, int flags, byte[] payload) {
        offer(speaker, timestamp, payload, nanoClock.getAsLong());
    }

    /**
     * Files a packet in its speaker's stream, creating the stream on their first packet.
     *
     * @return what became of it; {@link JitterBuffer.Arrival#OVERFLOW} also when there was no
     *         room for another speaker
     */
    public JitterBuffer.Arrival offer(long speaker, int timestamp, byte[] payload, long arrivalNanos) {
        SpeakerStream stream = get(speaker);
        if (stream == null) {
            stream = create(speaker);
            if (stream == null) {
                droppedNoRoom.incrementAndGet();
                return JitterBuffer.Arrival.OVERFLOW;
            }
        }
        return stream.offer(timestamp, payload, arrivalNanos);
    }

    /** The speaker's stream, or null. Any thread; no lock. */
    public SpeakerStream get(long speaker) {
        Directory d = directory;
        int i = Arrays.binarySearch(d.ids, speaker);
        return i >= 0 ? d.streams[i] : null;
    }

    /**
     * The streams now, ordered by speaker id, for the playback thread to read each frame. The
     * array is shared and never changed: do not write to it.
     */
    public SpeakerStream[] streams() {
        return directory.streams;
    }

    public int size() {
        return directory.ids.length;
    }

    /** Lets a speaker's stream go (they left, or were kicked). */
    public boolean remove(long speaker) {
        synchronized (lock) {
            Directory d = directory;
            int i = Arrays.binarySearch(d.ids, speaker);
            if (i < 0) {
                return false;
            }
            directory = without(d, i);
            return true;
        }
    }

    /**
     * Lets go every stream that received nothing for {@code evictAfter} and has nothing left to
     * play. Call it now and then (each second is plenty) from any thread.
     *
     * @return how many were let go
     */
    public int evictSilent(long nowNanos) {
        Directory d = directory;
        boolean any = false;
        for (SpeakerStream s : d.streams) {
            if (s.silentFor(nowNanos, evictAfterNanos)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return 0;
        }
        synchronized (lock) {
            d = directory;
            int n = d.ids.length;
            long[] ids = new long[n];
            SpeakerStream[] streams = new SpeakerStream[n];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (!d.streams[i].silentFor(nowNanos, evictAfterNanos)) {
                    ids[kept] = d.ids[i];
                    streams[kept] = d.streams[i];
                    kept++;
                }
            }
            int gone = n - kept;
            if (gone > 0) {
                directory = new Directory(Arrays.copyOf(ids, kept), Arrays.copyOf(streams, kept));
                evicted += gone;
            }
            return gone;
        }
    }

    /** Lets every stream go (leaving voice, deafening). */
    public void clear() {
        synchronized (lock) {
            directory = Directory.EMPTY;
        }
    }

    /** Every speaker's figures now, ordered by speaker id. */
    public List<SpeakerStats> stats(long nowNanos) {
        SpeakerStream[] streams = directory.streams;
        List<SpeakerStats> out = new ArrayList<>(streams.length);
        for (SpeakerStream s : streams) {
            out.add(s.stats(nowNanos));
        }
        return out;
    }

    /** Packets dropped because {@code maxSpeakers} streams existed already. */
    public long droppedNoRoom() {
        return droppedNoRoom.get();
    }

    /** Streams created so far. */
    public long created() {
        return created;
    }

    /** Streams let go for silence so far. */
    public long evicted() {
        return evicted;
    }

    public JitterOptions options() {
        return options;
    }

    private SpeakerStream create(long speaker) {
        synchronized (lock) {
            Directory d = directory;
            int i = Arrays.binarySearch(d.ids, speaker);
            if (i >= 0) {
                return d.streams[i];
            }
            if (d.ids.length >= maxSpeakers) {
                return null;
            }
            int at = -i - 1;
            int n = d.ids.length;
            long[] ids = new long[n + 1];
            SpeakerStream[] streams = new SpeakerStream[n + 1];
            System.arraycopy(d.ids, 0, ids, 0, at);
            System.arraycopy(d.streams, 0, streams, 0, at);
            System.arraycopy(d.ids, at, ids, at + 1, n - at);
            System.arraycopy(d.streams, at, streams, at + 1, n - at);
            SpeakerStream stream = new SpeakerStream(speaker, options);
            ids[at] = speaker;
            streams[at] = stream;
            directory = new Directory(ids, streams);
            created++;
            return stream;
        }
    }

    private static Directory without(Directory d, int i) {
        int n = d.ids.length;
        long[] ids = new long[n - 1];
        SpeakerStream[] streams = new SpeakerStream[n - 1];
        System.arraycopy(d.ids, 0, ids, 0, i);
        System.arraycopy(d.streams, 0, streams, 0, i);
        System.arraycopy(d.ids, i + 1, ids, i, n - i - 1);
        System.arraycopy(d.streams, i + 1, streams, i, n - i - 1);
        return new Directory(ids, streams);
    }
}
