package dev.confab.client.audio.jitter;

import dev.confab.client.audio.codec.OpusFrameDecoder;
import dev.confab.client.audio.dsp.LevelMeter;
import java.util.Arrays;
import java.util.Objects;

/**
 * One remote speaker: a {@link JitterBuffer} and an {@link OpusFrameDecoder}, giving the
 * playback clock "the next frame of this person's PCM" and telling whether they are talking.
 *
 * <h2>Threads</h2>
 * Packets come in on the network thread ({@link #offer}), frames go out on the playback thread
 * ({@link #read}); each side holds this stream's lock only to file a packet or to take one
 * decision, a few hundred nanoseconds (plus, for a packet, sorting the delay history: a few
 * microseconds). Decoding happens after the lock is released: the decision hands over the
 * sender's payload array, which nobody writes. The decoder and the frame's level meter belong
 * to the playback thread. {@link #talking}, {@link #stats} and the other readers may be called
 * from any thread. {@link #read} allocates nothing itself (Concentus allocates a little inside
 * each decode).
 */
public final class SpeakerStream {

    private final long speaker;
    private final JitterOptions options;
    private final int frameSamples;
    private final long talkHoldNanos;
    private final double talkThresholdDbfs;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final JitterBuffer buffer;

    // Playback thread only.
    private final OpusFrameDecoder decoder;
    private final JitterBuffer.Playout playout = new JitterBuffer.Playout();
    private final LevelMeter meter = new LevelMeter();

    /** Guarded by {@link #lock}. */
    private long packets;
    private long wrongFrameSize;

    // Written by one thread each (arrivals under the lock), read anywhere.
    private volatile long lastArrivalNanos;
    private volatile boolean arrived;
    private volatile long lastDecodedNanos;
    private volatile boolean decoded;
    private volatile long lastLoudNanos;
    private volatile boolean loud;
    private volatile double levelDbfs = LevelMeter.SILENCE_DBFS;
    private volatile long lastSlot;

    public SpeakerStream(long speaker, JitterOptions options) {
        this.speaker = speaker;
        this.options = Objects.requireNonNull(options, "options");
        this.frameSamples = options.frameSamples();
        this.talkHoldNanos = options.talkHold().toNanos();
        this.talkThresholdDbfs = options.talkThresholdDbfs();
        this.buffer = new JitterBuffer(options);
        this.decoder = new OpusFrameDecoder(frameSamples);
    }

    /** The speaker's chat session id. */
    public long speaker() {
        return speaker;
    }

    public JitterOptions options() {
        return options;
    }

    /** Samples each {@link #read} writes. */
    public int frameSamples() {
        return frameSamples;
    }

    /**
     * Files one packet (network thread).
     *
     * @param timestamp    the speaker's 48 kHz sample clock at the frame
     * @param payload      the Opus packet; kept, not copied, so the caller must not reuse it
     * @param arrivalNanos when it arrived, on the clock {@link #read} is given
     */
    public JitterBuffer.Arrival offer(int timestamp, byte[] payload, long arrivalNanos) {
        boolean wrongSize = payload != null && payload.length > 0
                && OpusFrameDecoder.samplesIn(payload, 0, payload.length) != frameSamples;
        synchronized (lock) {
            packets++;
            lastArrivalNanos = arrivalNanos;
            arrived = true;
            if (wrongSize) {
                wrongFrameSize++;
                return JitterBuffer.Arrival.INVALID;
            }
            return buffer.offer(timestamp, payload, arrivalNanos);
        }
    }

    /**
     * Writes this speaker's next frame ({@link #frameSamples()} samples) at {@code out[offset]}
     * (playback thread, once per frame). Silence is written as zeros.
     *
     * @param nowNanos the playback clock, on the clock {@link #offer} is given
     * @return what was played; {@link JitterBuffer.Kind#SILENCE} means the frame is all zeros
     */
    public JitterBuffer.Kind read(short[] out, int offset, long nowNanos) {
        if (offset < 0 || offset > out.length - frameSamples) {
            throw new IndexOutOfBoundsException("a frame of " + frameSamples + " samples at " + offset
                    + " does not fit an array of " + out.length);
        }
        JitterBuffer.Kind kind;
        synchronized (lock) {
            kind = buffer.pull(nowNanos, playout);
        }
        byte[] payload = playout.payload();
        switch (kind) {
            case PACKET -> decoder.decode(payload, 0, payload.length, out, offset);
            case FEC -> decoder.decodeFec(payload, 0, payload.length, out, offset);
            case PLC, STRETCH -> decoder.conceal(out, offset);
            case SILENCE -> Arrays.fill(out, offset, offset + frameSamples, (short) 0);
        }
        long slot = playout.slot();
        playout.clear();
        if (kind == JitterBuffer.Kind.SILENCE) {
            levelDbfs = LevelMeter.SILENCE_DBFS;
            return kind;
        }
        if (kind != JitterBuffer.Kind.STRETCH) {
            lastSlot = slot;
        }
        meter.measure(out, offset, frameSamples);
        double level = meter.rmsDbfs();
        levelDbfs = level;
        if (kind == JitterBuffer.Kind.PACKET || kind == JitterBuffer.Kind.FEC) {
            lastDecodedNanos = nowNanos;
            decoded = true;
            if (level >= talkThresholdDbfs) {
                lastLoudNanos = nowNanos;
                loud = true;
            }
        }
        return kind;
    }

    /**
     * Whether this person is talking: a packet arrived within the talk hold (200 ms by default)
     * and, if frames were decoded in that time, one of them was above the talk threshold. So
     * talking follows arriving audio (with DTX, silence sends nothing), and a sender that keeps
     * sending quiet frames (no DTX, music rooms) is not shown talking; while nothing is played
     * (playback stopped) arrivals alone decide.
     */
    public boolean talking(long nowNanos) {
        if (!arrived || nowNanos - lastArrivalNanos > talkHoldNanos) {
            return false;
        }
        boolean decodedRecently = decoded && nowNanos - lastDecodedNanos <= talkHoldNanos;
        return !decodedRecently || (loud && nowNanos - lastLoudNanos <= talkHoldNanos);
    }

    /**
     * Whether nothing arrived for {@code silentNanos} and nothing is left to play: the stream
     * can be let go.
     */
    public boolean silentFor(long nowNanos, long silentNanos) {
        if (arrived && nowNanos - lastArrivalNanos < silentNanos) {
            return false;
        }
        synchronized (lock) {
            return buffer.buffered() == 0 && !buffer.playing();
        }
    }

    /** The 32-bit timestamp of the last frame played or concealed (not stretched). */
    public int lastTimestamp() {
        return (int) lastSlot;
    }

    /** The slot (timestamp unwrapped to 64 bits) of the last frame played or concealed. */
    public long lastSlot() {
        return lastSlot;
    }

    public SpeakerStats stats(long nowNanos) {
        synchronized (lock) {
            return new SpeakerStats(speaker, talking(nowNanos), levelDbfs, buffer.depthMillis(),
                    buffer.delayMillis(nowNanos), buffer.targetMillis(), packets, buffer.played(),
                    buffer.fecFrames(), buffer.plcFrames(), buffer.tailFrames(), buffer.stretchFrames(), buffer.late(),
                    buffer.duplicates(), buffer.overflow(), buffer.invalid() + wrongFrameSize,
                    decoder.decodeErrors(), buffer.resyncs());
        }
    }
}
