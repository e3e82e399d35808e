package dev.confab.bench;

import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.CapturePipeline;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.codec.OpusFrameEncoder;
import dev.confab.client.audio.dsp.SampleRing;
import dev.confab.client.audio.jitter.JitterBuffer;
import dev.confab.client.audio.jitter.JitterOptions;
import dev.confab.client.audio.jitter.SpeakerStream;
import dev.confab.client.audio.jitter.Speakers;
import dev.confab.client.audio.mix.Mixer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The voice engine's CPU per 20 ms frame, as JMH benchmarks ({@code bin/bench-audio cpu}, or
 * {@code java -cp confab-bench.jar org.openjdk.jmh.Main VoiceEngineCpu}). One operation is one
 * frame, so a score in µs/op divided by 20,000 µs is the share of one core the work takes.
 *
 * <ul>
 *   <li>{@link #receive}: what the engine's playback thread does per frame with {@code speakers}
 *       people talking at once: each speaker's next packet filed in {@link Speakers}, every
 *       {@link SpeakerStream} read (jitter buffer decision and Opus decode), each frame added to
 *       the {@link Mixer}, the stereo frame mixed. Each speaker plays the speech fixture from a
 *       different point, so no two decoders see the same packet at once.</li>
 *   <li>{@link #encode}: one {@link OpusFrameEncoder} at 32 kb/s (the default room) on the next
 *       frame of speech.</li>
 *   <li>{@link #capture}: the capture pipeline's frame: the ring, high-pass, gain, level meter,
 *       voice detector and the same encoder, as the engine's capture thread runs it.</li>
 * </ul>
 * The speech is client-core's fixture ({@link SpeechFixture}), looped. Its packets are encoded
 * once in the set-up at 32 kb/s; the frames Opus codes as DTX silence (which a sender does not
 * send) are left out, so every speaker delivers a real speech packet every frame: the worst case
 * of everyone talking at once. Arrivals and pulls use a simulated clock that advances one frame
 * per operation, so the jitter buffers stay at their steady depth and play one packet per pull.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VoiceEngineCpu {
    static final int FRAME_SAMPLES = OpusFrameEncoder.FRAME_20_MS;
    static final int BITRATE = 32_000;
    static final long FRAME_NANOS = 20_000_000L;

    /** Speakers heard at once, with their packets pre-encoded. */
    @State(Scope.Thread)
    public static class Receiving {
        @Param("10")
        public int speakers;

        byte[][] packets;
        Speakers registry;
        Mixer mixer;
        short[] pcm;
        short[] stereo;
        int frame;
        long now;

        @Setup
        public void setUp() {
            packets = speechPackets();
            registry = new Speakers(JitterOptions.DEFAULT);
            mixer = new Mixer(FRAME_SAMPLES);
            pcm = new short[FRAME_SAMPLES];
            stereo = new short[2 * FRAME_SAMPLES];
        }

        /** The packet speaker {@code s} sends at {@code frame}: the fixture from a different point for each. */
        byte[] packet(int s) {
            return packets[(frame + s * packets.length / speakers) % packets.length];
        }
    }

    /** One encoder, or one capture pipeline, fed the speech frame by frame. */
    @State(Scope.Thread)
    public static class Sending {
        short[] speech;
        OpusFrameEncoder encoder;
        byte[] packet;
        SampleRing ring;
        CapturePipeline pipeline;
        long sentBytes;
        int frame;

        @Setup
        public void setUp() {
            speech = SpeechFixture.samples(FRAME_SAMPLES);
            encoder = newEncoder();
            packet = new byte[OpusFrameEncoder.MAX_PACKET_BYTES];
            ring = new SampleRing(4 * FRAME_SAMPLES);
            pipeline = new CapturePipeline(ring, newEncoder(), (payload, length, timestamp) -> sentBytes += length,
                    CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
        }

        /** The offset of the next frame of speech, looping. */
        int nextFrame() {
            int offset = frame * FRAME_SAMPLES;
            frame = (frame + 1) % (speech.length / FRAME_SAMPLES);
            return offset;
        }
    }

    @Benchmark
    public int receive(Receiving r) {
        r.now += FRAME_NANOS;
        int timestamp = r.frame * FRAME_SAMPLES;
        for (int s = 0; s < r.speakers; s++) {
            r.registry.offer(s + 1, timestamp, r.packet(s), r.now);
        }
        r.frame++;
        for (SpeakerStream stream : r.registry.streams()) {
            if (stream.read(r.pcm, 0, r.now) != JitterBuffer.Kind.SILENCE) {
                r.mixer.add(stream.speaker(), r.pcm, 0);
            }
        }
        return r.mixer.mixTo(r.stereo, 0);
    }

    @Benchmark
    public int encode(Sending s) {
        return s.encoder.encode(s.speech, s.nextFrame(), s.packet, 0, s.packet.length);
    }

    @Benchmark
    public boolean capture(Sending s) {
        s.ring.write(s.speech, s.nextFrame(), FRAME_SAMPLES);
        return s.pipeline.processFrame();
    }

    static OpusFrameEncoder newEncoder() {
        return new OpusFrameEncoder(FRAME_SAMPLES, BITRATE, OpusFrameEncoder.DEFAULT_COMPLEXITY,
                OpusFrameEncoder.DEFAULT_EXPECTED_LOSS_PERCENT);
    }

    /** The fixture's frames encoded once at 32 kb/s, DTX frames left out. */
    static byte[][] speechPackets() {
        short[] speech = SpeechFixture.samples(FRAME_SAMPLES);
        OpusFrameEncoder encoder = newEncoder();
        byte[] out = new byte[OpusFrameEncoder.MAX_PACKET_BYTES];
        List<byte[]> packets = new ArrayList<>();
        for (int offset = 0; offset < speech.length; offset += FRAME_SAMPLES) {
            int length = encoder.encode(speech, offset, out, 0, out.length);
            if (!OpusFrameEncoder.isDiscontinuous(length)) {
                packets.add(Arrays.copyOf(out, length));
            }
        }
        if (packets.isEmpty()) {
            throw new IllegalStateException("the speech fixture encoded to DTX silence only");
        }
        return packets.toArray(new byte[0][]);
    }
}
