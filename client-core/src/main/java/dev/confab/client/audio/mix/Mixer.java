package dev.confab.client.audio.mix;

import java.util.Arrays;

/**
 * Mixes the speakers' mono frames (48 kHz, 16-bit) into one stereo frame, interleaved left and
 * right, with each person's volume (0 to 200 %) and local mute, a master volume, and a soft
 * clipper instead of hard clipping. Both channels carry the same mix.
 *
 * <h2>Use</h2>
 * Per frame, on the playback thread: {@link #add} each speaker's frame, then {@link #mixTo} (or
 * {@link #mixToLittleEndian}) writes the output and empties the mix for the next frame. Nothing
 * on that path allocates or takes a lock.
 *
 * <h2>Settings</h2>
 * Volumes and mutes are per speaker id and live here, not in the speaker's stream, so they
 * outlast the stream (a person who falls silent and speaks again keeps their volume). They are
 * kept in an immutable sorted table behind a volatile field: any thread may change them (a copy is
 * published, under a lock; changes are rare), and the playback thread looks a speaker up by binary
 * search with no lock and no boxing. A speaker never set plays at 100 %, unmuted.
 *
 * <h2>Soft clipping</h2>
 * Sums up to the knee ({@value #KNEE} of full scale, -2.5 dBFS) pass unchanged; above it the curve
 * bends with a tanh so that the slope is continuous at the knee and the output approaches full
 * scale without reaching it: {@code y = k + (1 - k) tanh((x - k) / (1 - k))} for {@code x > k}
 * (in units of full scale, mirrored for negative samples). Loud overlaps thus sound compressed
 * rather than cracked, and nothing ever wraps.
 */
public final class Mixer {

    /** The loudest a person or the master may be set to, in percent. */
    public static final int MAX_VOLUME_PERCENT = 200;
    /** Where the soft clipper starts bending, as a share of full scale. */
    public static final double KNEE = 0.75;

    private static final float FULL_SCALE = 32767f;
    private static final float KNEE_LEVEL = (float) (KNEE * FULL_SCALE);
    private static final float HEADROOM = FULL_SCALE - KNEE_LEVEL;

    private record Table(long[] ids, int[] volumes, boolean[] muted) {
        static final Table EMPTY = new Table(new long[0], new int[0], new boolean[0]);
    }

    private final int frameSamples;
    private final Object lock = new Object();
    private volatile Table table = Table.EMPTY;
    private volatile int masterPercent = 100;

    // Playback thread only.
    private final float[] mix;
    private int sources;

    /** @param frameSamples samples per mono frame (960 for 20 ms, 480 for 10 ms) */
    public Mixer(int frameSamples) {
        if (frameSamples < 1) {
            throw new IllegalArgumentException("frameSamples must be positive, not " + frameSamples);
        }
        this.frameSamples = frameSamples;
        this.mix = new float[frameSamples];
    }

    public int frameSamples() {
        return frameSamples;
    }

    /** Sets a person's volume, 0 to {@value #MAX_VOLUME_PERCENT} percent (any thread). */
    public void setVolume(long speaker, int percent) {
        checkPercent(percent, "volume");
        synchronized (lock) {
            Table t = table;
            int i = Arrays.binarySearch(t.ids, speaker);
            boolean muted = i >= 0 && t.muted[i];
            table = with(t, i, speaker, percent, muted);
        }
    }

    /** Mutes or unmutes a person here only (any thread). */
    public void setMuted(long speaker, boolean muted) {
        synchronized (lock) {
            Table t = table;
            int i = Arrays.binarySearch(t.ids, speaker);
            int volume = i >= 0 ? t.volumes[i] : 100;
            table = with(t, i, speaker, volume, muted);
        }
    }

    /** A person's volume in percent (100 if never set). */
    public int volume(long speaker) {
        Table t = table;
        int i = Arrays.binarySearch(t.ids, speaker);
        return i >= 0 ? t.volumes[i] : 100;
    }

    public boolean muted(long speaker) {
        Table t = table;
        int i = Arrays.binarySearch(t.ids, speaker);
        return i >= 0 && t.muted[i];
    }

    /** Forgets a person's settings, back to 100 % and unmuted. */
    public void forget(long speaker) {
        synchronized (lock) {
            Table t = table;
            int i = Arrays.binarySearch(t.ids, speaker);
            if (i < 0) {
                return;
            }
            int n = t.ids.length;
            long[] ids = new long[n - 1];
            int[] volumes = new int[n - 1];
            boolean[] muted = new boolean[n - 1];
            System.arraycopy(t.ids, 0, ids, 0, i);
            System.arraycopy(t.volumes, 0, volumes, 0, i);
            System.arraycopy(t.muted, 0, muted, 0, i);
            System.arraycopy(t.ids, i + 1, ids, i, n - i - 1);
            System.arraycopy(t.volumes, i + 1, volumes, i, n - i - 1);
            System.arraycopy(t.muted, i + 1, muted, i, n - i - 1);
            table = new Table(ids, volumes, muted);
        }
    }

    /** Sets the master volume, 0 to {@value #MAX_VOLUME_PERCENT} percent (any thread). */
    public void setMasterVolume(int percent) {
        checkPercent(percent, "master volume");
        masterPercent = percent;
    }

    public int masterVolume() {
        return masterPercent;
    }

    /**
     * Adds one speaker's mono frame ({@link #frameSamples()} samples from {@code pcm[offset]}) to
     * the mix at their volume (playback thread).
     *
     * @return false if they are muted or at 0 %, so nothing was added
     */
    public boolean add(long speaker, short[] pcm, int offset) {
        if (offset < 0 || offset > pcm.length - frameSamples) {
            throw new IndexOutOfBoundsException("a frame of " + frameSamples + " samples at " + offset
                    + " does not fit an array of " + pcm.length);
        }
        Table t = table;
        int i = Arrays.binarySearch(t.ids, speaker);
        int percent = i >= 0 ? t.volumes[i] : 100;
        if (percent == 0 || (i >= 0 && t.muted[i])) {
            return false;
        }
        float gain = percent / 100f;
        for (int k = 0; k < frameSamples; k++) {
            mix[k] += gain * pcm[offset + k];
        }
        sources++;
        return true;
    }

    /** Speakers added to the mix since the last output. */
    public int sources() {
        return sources;
    }

    /**
     * Writes the mix as one stereo frame, {@code 2 * frameSamples()} samples interleaved left,
     * right, from {@code stereo[offset]}; then starts the next frame empty (playback thread).
     *
     * @return how many speakers were in it
     */
    public int mixTo(short[] stereo, int offset) {
        if (offset < 0 || offset > stereo.length - 2 * frameSamples) {
            throw new IndexOutOfBoundsException("a stereo frame of " + 2 * frameSamples + " samples at " + offset
                    + " does not fit an array of " + stereo.length);
        }
        float master = masterPercent / 100f;
        for (int k = 0, o = offset; k < frameSamples; k++, o += 2) {
            short s = softClip(master * mix[k]);
            stereo[o] = s;
            stereo[o + 1] = s;
        }
        return finish();
    }

    /**
     * As {@link #mixTo}, but as 16-bit little-endian bytes ({@code 4 * frameSamples()} from
     * {@code out[offset]}), the layout audio devices take.
     */
    public int mixToLittleEndian(byte[] out, int offset) {
        if (offset < 0 || offset > out.length - 4 * frameSamples) {
            throw new IndexOutOfBoundsException("a stereo frame of " + 4 * frameSamples + " bytes at " + offset
                    + " does not fit an array of " + out.length);
        }
        float master = masterPercent / 100f;
        for (int k = 0, o = offset; k < frameSamples; k++, o += 4) {
            short s = softClip(master * mix[k]);
            byte lo = (byte) s;
            byte hi = (byte) (s >> 8);
            out[o] = lo;
            out[o + 1] = hi;
            out[o + 2] = lo;
            out[o + 3] = hi;
        }
        return finish();
    }

    /** Drops whatever was added since the last output. */
    public void discard() {
        finish();
    }

    /**
     * The soft clipper on one sample in sample units (any magnitude): unchanged up to the knee,
     * then bent towards full scale, rounded to the nearest 16-bit value.
     */
    public static short softClip(float x) {
        float magnitude = Math.abs(x);
        if (magnitude > KNEE_LEVEL) {
            float over = (magnitude - KNEE_LEVEL) / HEADROOM;
            magnitude = KNEE_LEVEL + HEADROOM * (float) Math.tanh(over);
        }
        int rounded = Math.round(magnitude);
        if (rounded > 32767) {
            rounded = 32767;
        }
        return (short) (x < 0 ? -rounded : rounded);
    }

    private int finish() {
        int n = sources;
        Arrays.fill(mix, 0f);
        sources = 0;
        return n;
    }

    private static Table with(Table t, int i, long speaker, int volume, boolean muted) {
        if (i >= 0) {
            int[] volumes = t.volumes.clone();
            boolean[] mutes = t.muted.clone();
            volumes[i] = volume;
            mutes[i] = muted;
            return new Table(t.ids, volumes, mutes);
        }
        int at = -i - 1;
        int n = t.ids.length;
        long[] ids = new long[n + 1];
        int[] volumes = new int[n + 1];
        boolean[] mutes = new boolean[n + 1];
        System.arraycopy(t.ids, 0, ids, 0, at);
        System.arraycopy(t.volumes, 0, volumes, 0, at);
        System.arraycopy(t.muted, 0, mutes, 0, at);
        System.arraycopy(t.ids, at, ids, at + 1, n - at);
        System.arraycopy(t.volumes, at, volumes, at + 1, n - at);
        System.arraycopy(t.muted, at, mutes, at + 1, n - at);
        ids[at] = speaker;
        volumes[at] = volume;
        mutes[at] = muted;
        return new Table(ids, volumes, mutes);
    }

    private static void checkPercent(int percent, String what) {
        if (percent < 0 || percent > MAX_VOLUME_PERCENT) {
            throw new IllegalArgumentException(what + " must be in [0, " + MAX_VOLUME_PERCENT + "] %, not " + percent);
        }
    }
}
