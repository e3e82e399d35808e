package dev.confab.client.audio.engine;

import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.CapturePipeline;
import dev.confab.client.audio.capture.CaptureState;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSender;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.client.audio.dump.AudioDumper;
import dev.confab.client.audio.codec.OpusFrameDecoder;
import dev.confab.client.audio.codec.OpusFrameEncoder;
import dev.confab.client.audio.device.AudioBackend;
import dev.confab.client.audio.device.AudioDeviceException;
import dev.confab.client.audio.device.CaptureStream;
import dev.confab.client.audio.device.PlaybackStream;
import dev.confab.client.audio.device.StreamOptions;
import dev.confab.client.audio.dsp.SampleRing;
import dev.confab.client.audio.jitter.JitterBuffer;
import dev.confab.client.audio.jitter.JitterOptions;
import dev.confab.client.audio.jitter.SpeakerStats;
import dev.confab.client.audio.jitter.SpeakerStream;
import dev.confab.client.audio.jitter.Speakers;
import dev.confab.client.audio.mix.Mixer;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.voice.VoiceState;
import dev.confab.protocol.voice.VoicePacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice engine: a capture device through the {@link CapturePipeline} to the {@link VoiceLink},
 * and the link's audio through the jitter buffers ({@link Speakers}) and the {@link Mixer} to a
 * playback device. See the package comment for the threads and decisions.
 *
 * <p>Commands may be called from any thread and never block: they set volatile controls read by
 * the frame threads, or hand work (telling the server) to the engine's own thread. The UI renders
 * {@link EngineState} snapshots, published to listeners on the engine's thread when something
 * changed, at most every {@value #PUBLISH_MILLIS} ms.
 */
public final class VoiceEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoiceEngine.class);

    /** {@link #whisperTo} this to stop whispering. */
    public static final long NO_WHISPER = 0;
    /** How often the snapshot is rebuilt and, if changed, published. */
    public static final int PUBLISH_MILLIS = 100;
    /** The encoder's bitrate until a grant says otherwise. */
    public static final int DEFAULT_BITRATE = 32_000;
    private static final long EVICT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int RING_FRAMES = 10;
    private static final int WARM_UP_FRAMES = 300;

    /**
     * Where audio comes from and goes to; the backends may differ (WAV in, WAV out for bots).
     *
     * @param captureDevice  the backend's device name, a file path for WAV, or null for its default
     * @param playbackDevice likewise
     */
    public record Devices(AudioBackend captureBackend, String captureDevice, AudioBackend playbackBackend,
                          String playbackDevice) {
        public Devices {
            Objects.requireNonNull(captureBackend, "captureBackend");
            Objects.requireNonNull(playbackBackend, "playbackBackend");
        }
    }

    private final VoiceLink link;
    private final int frameSamples;
    private final SampleRing ring;
    private final CapturePipeline pipeline;
    private final Speakers speakers;
    private final Mixer mixer;
    private final ChaosSender chaos;
    private final CaptureStream captureStream;
    private final PlaybackStream playbackStream;
    private final ScheduledExecutorService actor;
    private final List<Consumer<? super EngineState>> listeners = new CopyOnWriteArrayList<>();

    // Controls, any thread.
    private volatile TransmitMode mode;
    private volatile boolean muted;
    private volatile boolean deafened;
    private volatile boolean echoTest;
    private volatile long whisperTarget = NO_WHISPER;
    private volatile int bitrate;
    private volatile AudioDumper dumper;

    // The link's thread only: the room the grant is for.
    private long room;

    // Playback thread only.
    private final short[] pcm;
    private long lastEvictNanos = System.nanoTime();

    private volatile EngineState published;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;

    /** Opens a {@link dev.confab.client.voice.VoiceConnection} for {@code session}, closed with the engine. */
    public static VoiceEngine forSession(ChatSession session, Devices devices, CaptureOptions capture,
                                         JitterOptions jitter) throws AudioDeviceException {
        VoiceLink link = VoiceLink.open(session);
        try {
            return new VoiceEngine(link, devices, capture, jitter);
        } catch (AudioDeviceException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /**
     * Opens both devices (a device that is missing or will not open throws, nothing left open) and
     * builds the pipeline; nothing runs until {@link #start()}.
     *
     * @param link    the transport; closed with the engine (a {@link VoiceLink#of} link closes nothing)
     * @param capture the capture options, with the initial transmit mode
     * @param jitter  the receive side's options; its frame size is the engine's, for both directions
     */
    public VoiceEngine(VoiceLink link, Devices devices, CaptureOptions capture, JitterOptions jitter)
            throws AudioDeviceException {
        this.link = Objects.requireNonNull(link, "link");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(jitter, "jitter");
        this.frameSamples = jitter.frameSamples();
        this.pcm = new short[frameSamples];
        this.mode = capture.mode();
        int granted = link.state().bitrate();
        this.bitrate = granted > 0 ? granted : DEFAULT_BITRATE;
        this.ring = new SampleRing(RING_FRAMES * frameSamples);
        OpusFrameEncoder encoder = new OpusFrameEncoder(frameSamples, bitrate, OpusFrameEncoder.DEFAULT_COMPLEXITY,
                OpusFrameEncoder.DEFAULT_EXPECTED_LOSS_PERCENT);
        this.chaos = new ChaosSender(link::send, TimeUnit.MILLISECONDS.toNanos(jitter.frameMillis()));
        this.pipeline = new CapturePipeline(ring, encoder, this::sendPacket, capture);
        this.speakers = new Speakers(jitter);
        this.mixer = new Mixer(frameSamples);
        StreamOptions stream = frameSamples == StreamOptions.LOW_LATENCY.frameSamples()
                ? StreamOptions.LOW_LATENCY : new StreamOptions(frameSamples, 2 * jitter.frameMillis());
        CaptureStream mic = devices.captureBackend().openCapture(devices.captureDevice(), stream,
                (samples, count) -> ring.write(samples, 0, count));
        PlaybackStream speaker;
        try {
            speaker = devices.playbackBackend().openPlayback(devices.playbackDevice(), stream, this::fill);
        } catch (AudioDeviceException | RuntimeException e) {
            mic.close();
            throw e;
        }
        this.captureStream = mic;
        this.playbackStream = speaker;
        this.actor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "confab-voice-engine");
            t.setDaemon(true);
            return t;
        });
        this.published = snapshot();
    }

    /**
     * Starts receiving, playback and the snapshot ticks at once, and capture once the codec is
     * warm ({@link #warmUp()}, in the background, once per process), so that the first talk
     * spurt is not lost to a cold JIT. At most once.
     *
     * @return completes when capture runs (at once after the first engine warmed up)
     */
    public CompletableFuture<Void> start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("the voice engine was already " + (closed ? "closed" : "started"));
            }
            started = true;
        }
        link.addAudioListener(speakers);
        link.addStateListener(this::voiceStateChanged);
        link.addDepartureListener(speakers::remove);
        playbackStream.start();
        actor.scheduleAtFixedRate(this::tick, PUBLISH_MILLIS, PUBLISH_MILLIS, TimeUnit.MILLISECONDS);
        return warmUp().thenRun(() -> {
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                pipeline.start();
                captureStream.start();
            }
        });
    }

    /**
     * Compiles the codec before anyone talks, on a background thread, once per process: the
     * encoder's {@link OpusFrameEncoder#warmUp} (300 frames) and as many decodes, since cold
     * frames take 5 to 40 ms each, too slow for a 20 ms clock. About 2 s on a loaded machine.
     * Any engine's {@link #start()} calls it; a client may call it earlier.
     */
    public static CompletableFuture<Void> warmUp() {
        synchronized (VoiceEngine.class) {
            if (warm == null) {
                warm = CompletableFuture.runAsync(VoiceEngine::warmCodec, runnable -> {
                    Thread t = new Thread(runnable, "confab-codec-warm-up");
                    t.setDaemon(true);
                    t.start();
                });
            }
            return warm.exceptionally(e -> {
                log.warn("warming the codec up failed", e);
                return null;
            });
        }
    }

    private static CompletableFuture<Void> warm;

    private static void warmCodec() {
        OpusFrameEncoder.warmUp(WARM_UP_FRAMES);
        OpusFrameEncoder encoder = new OpusFrameEncoder(DEFAULT_BITRATE);
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        short[] pcm = new short[OpusFrameEncoder.FRAME_20_MS];
        byte[] packet = new byte[OpusFrameEncoder.MAX_PACKET_BYTES];
        for (int f = 0; f < WARM_UP_FRAMES; f++) {
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) (4000 * Math.sin(2 * Math.PI * (150 + f) * (f * pcm.length + i) / 48_000.0));
            }
            int n = encoder.encode(pcm, 0, packet, 0, packet.length);
            if (f % 10 == 9) {
                decoder.decodeFec(packet, 0, n, pcm, 0);
            } else if (f % 10 == 8) {
                decoder.conceal(pcm, 0);
            } else {
                decoder.decode(packet, 0, n, pcm, 0);
            }
        }
    }

    // ---- commands, any thread, non-blocking ----

    /** The transmit mode (used whenever not muted). Setting {@link TransmitMode#MUTED} is not {@link #setMuted}: the server is not told. */
    public void setMode(TransmitMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        applyMode();
    }

    /** Push-to-talk: the talk key is held from now. */
    public void startTalking() {
        pipeline.startTalking();
    }

    /** Push-to-talk: the talk key is released. */
    public void stopTalking() {
        pipeline.stopTalking();
    }

    /** Mutes the microphone (nothing is sent; the meter keeps working) and tells the server. */
    public void setMuted(boolean muted) {
        this.muted = muted;
        applyMode();
        report(muted, null);
    }

    /** Deafens: playback writes silence (the jitter buffers keep draining) and the server is told. */
    public void setDeafened(boolean deafened) {
        this.deafened = deafened;
        report(null, deafened);
    }

    /** One speaker's local volume, 0 to {@value Mixer#MAX_VOLUME_PERCENT} %. */
    public void setVolume(long speaker, int percent) {
        mixer.setVolume(speaker, percent);
    }

    /** Mutes one speaker locally (nobody else is affected). */
    public void setLocalMute(long speaker, boolean muted) {
        mixer.setMuted(speaker, muted);
    }

    /** The master volume, 0 to {@value Mixer#MAX_VOLUME_PERCENT} %. */
    public void setMasterVolume(int percent) {
        mixer.setMasterVolume(percent);
    }

    /** Whispers to one chat session from the next packet, or stops with {@link #NO_WHISPER}. */
    public void whisperTo(long chatSession) {
        this.whisperTarget = chatSession;
    }

    /** Echo test: packets go back to this client only (taking precedence over a whisper). */
    public void setEchoTest(boolean on) {
        this.echoTest = on;
    }

    /**
     * Sets the chaos simulator on this client's outgoing packets (loss, delay, jitter,
     * reordering), from the next packet; {@link ChaosSettings#OFF} to stop. A developer's tool:
     * the far end hears the damage.
     */
    public void setChaos(ChaosSettings settings) {
        chaos.setSettings(settings);
    }

    /**
     * Starts the audio dumper: {@code raw_mic.wav}, {@code post_dsp.wav} and
     * {@code post_opus_decode.wav} in {@code directory} (see {@link AudioDumper}), replacing a
     * dump already running.
     *
     * @throws IOException if the folder or the files cannot be made; nothing changes then
     */
    public void startDump(Path directory) throws IOException {
        AudioDumper next = AudioDumper.start(directory, frameSamples);
        AudioDumper previous;
        synchronized (lifecycle) {
            if (closed) {
                next.close();
                throw new IllegalStateException("the voice engine is closed");
            }
            previous = dumper;
            dumper = next;
            // Processed first, raw last: the dumper starts at a frame the raw tap saw (see AudioDumper#write).
            pipeline.setProcessedTap(next.processedTap());
            pipeline.setRawTap(next.rawTap());
        }
        if (previous != null) {
            previous.close();
        }
    }

    /** Stops the audio dumper, if running, and closes its files. */
    public void stopDump() {
        AudioDumper previous;
        synchronized (lifecycle) {
            previous = dumper;
            dumper = null;
            pipeline.setRawTap(null);
            pipeline.setProcessedTap(null);
        }
        if (previous != null) {
            previous.close();
        }
    }

    public void addListener(Consumer<? super EngineState> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public boolean removeListener(Consumer<? super EngineState> listener) {
        return listeners.remove(listener);
    }

    /** The snapshot last published (at most {@value #PUBLISH_MILLIS} ms old while running). */
    public EngineState state() {
        return published;
    }

    /** Builds a snapshot now, with live levels and counters. */
    public EngineState snapshot() {
        VoiceState voice = link.state();
        long now = System.nanoTime();
        List<EngineState.Speaker> people = new ArrayList<>();
        for (SpeakerStats s : speakers.stats(now)) {
            people.add(new EngineState.Speaker(s.speaker(), s.talking(), s.levelDbfs(), s.depthMillis(),
                    s.lossPercent(), s.late(), s.fecFrames(), s.plcFrames(), mixer.volume(s.speaker()),
                    mixer.muted(s.speaker())));
        }
        CaptureState capture = pipeline.state();
        AudioDumper dump = dumper;
        return new EngineState(voice.transport(), voice.roundTrip(), voice.udpRoundTrip(), voice.tunnelRoundTrip(),
                voice.bitrate(), mode, muted, deafened, echoTest, whisperTarget, mixer.masterVolume(), capture,
                captureStream.state(), playbackStream.state(), people, chaos.state(),
                dump == null ? null : dump.directory());
    }

    /** The capture device stream (e.g. to wait for a WAV file's end). */
    public CaptureStream captureStream() {
        return captureStream;
    }

    /** The playback device stream. */
    public PlaybackStream playbackStream() {
        return playbackStream;
    }

    /** Stops capture, playback and the engine thread, and closes the link. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        captureStream.close();
        pipeline.close(); // never started: a no-op
        stopDump();
        chaos.close();
        playbackStream.close();
        actor.shutdownNow();
        link.close();
    }

    // ---- internals ----

    private void applyMode() {
        pipeline.setMode(muted ? TransmitMode.MUTED : mode);
    }

    private void report(Boolean mute, Boolean deafen) {
        try {
            actor.execute(() -> link.reportVoiceState(mute, deafen).whenComplete((ok, error) -> {
                if (error != null) {
                    log.debug("could not tell the server the voice state (muted {}, deafened {}): {}", mute, deafen,
                            error.toString());
                }
            }));
        } catch (RejectedExecutionException closedAlready) {
            // closed: nothing to tell
        }
    }

    /** On the capture pipeline's thread. */
    private void sendPacket(byte[] payload, int length, int timestamp) {
        AudioDumper dump = dumper;
        if (dump != null) {
            dump.encoded(payload, length, timestamp);
        }
        if (echoTest) {
            chaos.send(payload, 0, length, timestamp, VoicePacket.FLAG_ECHO, 0);
            return;
        }
        long target = whisperTarget;
        if (target != NO_WHISPER) {
            chaos.send(payload, 0, length, timestamp, VoicePacket.FLAG_WHISPER, target);
        } else {
            chaos.send(payload, 0, length, timestamp, 0, 0);
        }
    }

    /** On the link's thread. */
    private void voiceStateChanged(VoiceState state) {
        if (state.room() != room) {
            // A new room (or none): whoever was heard in the old one is not coming back there.
            room = state.room();
            speakers.clear();
        }
        int granted = state.bitrate();
        if (granted > 0 && granted != bitrate) {
            bitrate = granted;
            pipeline.setBitrate(granted);
        }
    }

    /** On the playback stream's thread, once per frame, paced by the device. */
    private void fill(short[] stereo, int frames) {
        long now = System.nanoTime();
        boolean silent = deafened || frames != frameSamples;
        for (SpeakerStream s : speakers.streams()) {
            if (s.read(pcm, 0, now) != JitterBuffer.Kind.SILENCE && !silent) {
                mixer.add(s.speaker(), pcm, 0);
            }
        }
        if (silent) {
            mixer.discard();
        } else {
            mixer.mixTo(stereo, 0);
        }
        if (now - lastEvictNanos >= EVICT_EVERY_NANOS) {
            lastEvictNanos = now;
            speakers.evictSilent(now);
        }
    }

    /** On the engine's thread. */
    private void tick() {
        try {
            EngineState next = snapshot();
            if (!next.equals(published)) {
                published = next;
                for (Consumer<? super EngineState> l : listeners) {
                    try {
                        l.accept(next);
                    } catch (RuntimeException e) {
                        log.warn("an engine state listener failed", e);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("building the engine state failed", e);
        }
    }
}
