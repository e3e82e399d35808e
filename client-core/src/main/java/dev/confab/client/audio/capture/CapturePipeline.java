package dev.confab.client.audio.capture;

import dev.confab.client.audio.codec.OpusFrameEncoder;
import dev.confab.client.audio.dsp.Gain;
import dev.confab.client.audio.dsp.HighPass;
import dev.confab.client.audio.dsp.LevelMeter;
import dev.confab.client.audio.dsp.SampleRing;
import dev.confab.client.audio.dsp.VoiceActivity;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture path from the sample ring to the packet sink, minus the device: the device's
 * callback or read loop writes into the {@link SampleRing}; this pipeline takes exact frames out
 * of it and, per frame,
 * <ol>
 *   <li>hands the raw frame to the raw tap (if any);</li>
 *   <li>runs the DSP: the 80 Hz high-pass, the gain with its limiter, the level meter and the
 *       voice detector (on the RMS after the gain, the level the UI's meter shows);</li>
 *   <li>hands the processed frame to the processed tap (if any);</li>
 *   <li>asks the {@link TransmitMode} whether to send; if so, encodes the frame and hands the
 *       packet to the {@link PacketSink}, unless it is DTX silence;</li>
 *   <li>advances the sample clock by one frame, sent or not, so receivers see silence as a gap
 *       in timestamps with no gap in sequence numbers.</li>
 * </ol>
 * The encoder is reset at the start of each talk spurt, so the first frame after a gap does not
 * refer to frames nobody received.
 *
 * <h2>Falling behind</h2>
 * If more than {@link CaptureOptions#maxBacklogFrames()} whole frames wait behind the one being
 * taken (the thread was starved, or the process paused), the oldest are skipped so that the
 * microphone's latency stays bounded: they are counted, not tapped, and the clock advances over
 * them. Samples the ring itself dropped when full are counted too, and each whole frame's worth
 * advances the clock, so timestamps keep tracking real time (at about the point of the loss,
 * within the ring's length).
 *
 * <h2>Threads</h2>
 * {@link #start()} runs the pipeline on its own thread, which sleeps in the ring until a frame is
 * there; or a caller (a test's clock, a WAV-file bot) drives it with {@link #processAvailable()}
 * and never starts it. The frame work is confined to that one thread. The controls (mode,
 * push-to-talk, threshold, gain, bitrate, taps) may be called from any thread; they take effect
 * from the next frame. {@link #state()} may be read from any thread. No allocation per frame on
 * the pipeline's side (the Opus encoder itself allocates inside Concentus).
 */
public final class CapturePipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CapturePipeline.class);

    private static final long WAIT_MILLIS = 100;

    private final SampleRing ring;
    private final OpusFrameEncoder encoder;
    private final PacketSink sink;
    private final int frameSamples;
    private final int maxBacklogFrames;

    // Confined to the frame thread.
    private final short[] frame;
    private final byte[] packet = new byte[OpusFrameEncoder.MAX_PACKET_BYTES];
    private final HighPass highPass;
    private final Gain gain;
    private final LevelMeter meter = new LevelMeter();
    private final VoiceActivity voice;
    private int timestamp;
    private boolean wasTransmitting;
    private long overflowSeen;
    private boolean loggedCallbackFailure;
    private boolean loggedEncodeFailure;

    // Controls: written by any thread, read once per frame.
    private volatile TransmitMode mode;
    private volatile boolean talkKeyDown;
    private volatile double voiceThresholdDbfs;
    private volatile double gainDb;
    private volatile int bitrate;
    private volatile FrameTap rawTap;
    private volatile FrameTap processedTap;

    // Published by the frame thread (single writer) for state().
    /** The last frame's levels and decisions, packed into one word so a reader never sees two frames mixed. */
    private volatile long levels = pack(LevelMeter.SILENCE_DBFS, LevelMeter.SILENCE_DBFS, false, false);
    private volatile long framesCaptured;
    private volatile long framesTransmitted;
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long framesDiscontinuous;
    private volatile long framesSkipped;
    private volatile long encodeFailures;
    private volatile long callbackFailures;

    private final Object lifecycle = new Object();
    private boolean closed;
    /** The frame thread once started; then no other thread may process frames. */
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param ring    where the device writes; its capacity must hold at least two frames
     * @param encoder the encoder; this pipeline's frame thread owns it from now on
     * @param sink    receives every packet to send
     */
    public CapturePipeline(SampleRing ring, OpusFrameEncoder encoder, PacketSink sink, CaptureOptions options) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.sink = Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(options, "options");
        this.frameSamples = encoder.frameSamples();
        if (ring.capacity() < 2 * frameSamples) {
            throw new IllegalArgumentException("the ring must hold at least two frames (" + 2 * frameSamples
                    + " samples), not " + ring.capacity());
        }
        this.maxBacklogFrames = options.maxBacklogFrames();
        this.frame = new short[frameSamples];
        this.highPass = options.highPass() ? HighPass.voice(OpusFrameEncoder.SAMPLE_RATE) : null;
        this.gain = new Gain(OpusFrameEncoder.SAMPLE_RATE, options.gainDb());
        this.voice = VoiceActivity.of(options.voiceThresholdDbfs(), options.hangover(), options.attackFrames(),
                frameSamples, OpusFrameEncoder.SAMPLE_RATE);
        this.timestamp = options.startTimestamp();
        this.overflowSeen = ring.overflowedSamples();
        this.mode = options.mode();
        this.voiceThresholdDbfs = options.voiceThresholdDbfs();
        this.gainDb = options.gainDb();
        this.bitrate = encoder.bitrate();
    }

    // ---- controls, any thread ----

    public TransmitMode mode() {
        return mode;
    }

    public void setMode(TransmitMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** Push-to-talk pressed: in {@link TransmitMode#PUSH_TO_TALK}, frames go out from the next one. */
    public void startTalking() {
        talkKeyDown = true;
    }

    /** Push-to-talk released: the frame being processed is the last to go out. */
    public void stopTalking() {
        talkKeyDown = false;
    }

    public void setVoiceThresholdDbfs(double dbfs) {
        if (!(dbfs <= 0 && dbfs >= LevelMeter.SILENCE_DBFS)) {
            throw new IllegalArgumentException("dbfs must be in [" + LevelMeter.SILENCE_DBFS + ", 0], not " + dbfs);
        }
        this.voiceThresholdDbfs = dbfs;
    }

    public void setGainDb(double db) {
        if (!(db >= Gain.MIN_DB && db <= Gain.MAX_DB)) {
            throw new IllegalArgumentException("db must be in [" + Gain.MIN_DB + ", " + Gain.MAX_DB + "], not " + db);
        }
        this.gainDb = db;
    }

    /** The room's bitrate changed: the encoder takes it (clamped) before its next frame. */
    public void setBitrate(int bitrate) {
        this.bitrate = OpusFrameEncoder.clampBitrate(bitrate);
    }

    /** Sees every raw microphone frame; null for none. */
    public void setRawTap(FrameTap tap) {
        this.rawTap = tap;
    }

    /** Sees every frame after the DSP, as the encoder gets it; null for none. */
    public void setProcessedTap(FrameTap tap) {
        this.processedTap = tap;
    }

    /** A snapshot of the levels, decisions and counters. Allocates one record per call. */
    public CaptureState state() {
        long l = levels;
        return new CaptureState(mode, talkKeyDown, (l & VOICE_BIT) != 0, (l & TRANSMIT_BIT) != 0,
                unpackRms(l), unpackPeak(l), voiceThresholdDbfs, gainDb, bitrate,
                framesCaptured, framesTransmitted, packetsSent, bytesSent, framesDiscontinuous, framesSkipped,
                ring.overflowedSamples(), encodeFailures, callbackFailures);
    }

    public int frameSamples() {
        return frameSamples;
    }

    /** The hangover the voice detector uses, in whole frames. */
    public int hangoverFrames() {
        return voice.hangoverFrames();
    }

    /** How long {@link #hangoverFrames()} frames last. */
    public Duration hangover() {
        return Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) * voice.hangoverFrames() * frameSamples
                / OpusFrameEncoder.SAMPLE_RATE);
    }

    // ---- running ----

    /**
     * Starts the frame thread, which processes frames as the ring fills until {@link #close()}.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (thread != null || closed) {
                throw new IllegalStateException("the capture pipeline was already " + (closed ? "closed" : "started"));
            }
            running = true;
            Thread t = new Thread(this::run, "confab-capture");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Stops the frame thread, if started, after the frame in progress; waits up to a second for it. */
    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            closed = true;
            running = false;
            t = thread;
            if (t == null) {
                return;
            }
        }
        ring.wakeup();
        if (t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (running) {
                if (ring.awaitAvailable(frameSamples, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    while (running && processFrame()) {
                        // one frame at a time until the ring has no whole frame
                    }
                }
            }
        } catch (InterruptedException e) {
            log.debug("capture thread interrupted; stopping");
        } catch (RuntimeException | Error e) {
            log.error("capture thread failed; capture stopped", e);
            throw e;
        }
    }

    /**
     * Processes every whole frame in the ring, skipping a backlog first if there is one. For a
     * pipeline that was not {@link #start() started}: call it from one thread at a time.
     *
     * @return the frames processed (skipped ones not included)
     */
    public int processAvailable() {
        int processed = 0;
        while (processFrame()) {
            processed++;
        }
        return processed;
    }

    /**
     * Processes one frame, if the ring has a whole one. For a pipeline that was not
     * {@link #start() started}: call it from one thread at a time.
     *
     * @return whether a frame was processed
     * @throws IllegalStateException if called from another thread than the started frame thread
     */
    public boolean processFrame() {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            throw new IllegalStateException("a started capture pipeline processes frames on its own thread");
        }
        catchUp();
        if (!ring.readFully(frame, 0, frameSamples)) {
            return false;
        }
        int now = timestamp;
        tap(rawTap, now);

        if (highPass != null) {
            highPass.process(frame, 0, frameSamples);
        }
        double db = gainDb;
        if (db != gain.gainDb()) {
            gain.setGainDb(db);
        }
        gain.process(frame, 0, frameSamples);
        meter.measure(frame, 0, frameSamples);
        double threshold = voiceThresholdDbfs;
        if (threshold != voice.thresholdDbfs()) {
            voice.setThresholdDbfs(threshold);
        }
        boolean voiceActive = voice.update(meter.rmsDbfs());
        tap(processedTap, now);

        boolean send = mode.transmits(talkKeyDown, voiceActive);
        levels = pack(meter.rmsDbfs(), meter.peakDbfs(), voiceActive, send);
        if (send) {
            transmit(now);
        }
        wasTransmitting = send;
        timestamp = now + frameSamples;
        framesCaptured++;
        return true;
    }

    private void transmit(int now) {
        framesTransmitted++;
        int wanted = bitrate;
        if (wanted != encoder.bitrate()) {
            encoder.setBitrate(wanted);
        }
        if (!wasTransmitting) {
            encoder.reset();
        }
        int length;
        try {
            length = encoder.encode(frame, 0, packet, 0, packet.length);
        } catch (RuntimeException e) {
            encodeFailures++;
            if (!loggedEncodeFailure) {
                loggedEncodeFailure = true;
                log.warn("Opus encode failed; frame not sent (further failures only counted)", e);
            }
            return;
        }
        if (OpusFrameEncoder.isDiscontinuous(length)) {
            framesDiscontinuous++;
            return;
        }
        try {
            sink.packet(packet, length, now);
            packetsSent++;
            bytesSent += length;
        } catch (RuntimeException e) {
            callbackFailed("packet sink", e);
        }
    }

    /** Skips the oldest whole frames past the backlog limit, and accounts for ring overflow. */
    private void catchUp() {
        long overflow = ring.overflowedSamples();
        long lostFrames = (overflow - overflowSeen) / frameSamples;
        if (lostFrames > 0) {
            overflowSeen += lostFrames * frameSamples;
            timestamp += (int) (lostFrames * frameSamples);
            wasTransmitting = false;
        }
        int excess = ring.available() / frameSamples - 1 - maxBacklogFrames;
        if (excess > 0) {
            int skipped = ring.skip(excess * frameSamples) / frameSamples;
            framesSkipped += skipped;
            timestamp += skipped * frameSamples;
            wasTransmitting = false;
        }
    }

    private void tap(FrameTap tap, int now) {
        if (tap == null) {
            return;
        }
        try {
            tap.frame(frame, 0, frameSamples, now);
        } catch (RuntimeException e) {
            callbackFailed("frame tap", e);
        }
    }

    private void callbackFailed(String what, RuntimeException e) {
        callbackFailures++;
        if (!loggedCallbackFailure) {
            loggedCallbackFailure = true;
            log.warn("capture {} threw; frame goes on (further failures only counted)", what, e);
        }
    }

    // ---- packed levels: rms and peak in centibels (16 bits each), then two flags ----

    private static final long VOICE_BIT = 1L << 32;
    private static final long TRANSMIT_BIT = 1L << 33;

    private static long pack(double rmsDbfs, double peakDbfs, boolean voice, boolean transmit) {
        long rms = Math.round(rmsDbfs * 100) & 0xffff;
        long peak = Math.round(peakDbfs * 100) & 0xffff;
        return rms | peak << 16 | (voice ? VOICE_BIT : 0) | (transmit ? TRANSMIT_BIT : 0);
    }

    private static double unpackRms(long packed) {
        return (short) packed / 100.0;
    }

    private static double unpackPeak(long packed) {
        return (short) (packed >>> 16) / 100.0;
    }
}
