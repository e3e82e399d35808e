package dev.confab.client.audio.capture;

import dev.confab.client.audio.codec.OpusFrameEncoder;
import dev.confab.client.audio.dsp.SampleRing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A pipeline driven frame by frame from a test, with a sink that keeps what it is given. */
final class Capture implements PacketSink {

    static final int FRAME = OpusFrameEncoder.FRAME_20_MS;

    record Packet(int timestamp, byte[] payload) { }

    final SampleRing ring = new SampleRing(16_384);
    final CapturePipeline pipeline;
    final List<Packet> packets = new ArrayList<>();
    /** Per frame processed: '#' if it was transmitted, '.' if not. */
    final StringBuilder decisions = new StringBuilder();

    Capture(CaptureOptions options) {
        this(options, new OpusFrameEncoder(24_000));
    }

    Capture(CaptureOptions options, OpusFrameEncoder encoder) {
        pipeline = new CapturePipeline(ring, encoder, this, options);
    }

    @Override
    public void packet(byte[] payload, int length, int timestamp) {
        packets.add(new Packet(timestamp, Arrays.copyOf(payload, length)));
    }

    /** Writes one frame of {@code samples} at frame index {@code frame} and processes it. */
    void frame(short[] samples, int frame) {
        ring.write(samples, frame * FRAME, FRAME);
        if (!pipeline.processFrame()) {
            throw new AssertionError("no whole frame in the ring");
        }
        decisions.append(pipeline.state().transmitting() ? '#' : '.');
    }

    /** Processes every frame of {@code samples}, one at a time. */
    void frames(short[] samples) {
        for (int f = 0; f < samples.length / FRAME; f++) {
            frame(samples, f);
        }
    }

    int[] timestamps() {
        return packets.stream().mapToInt(Packet::timestamp).toArray();
    }

    static int[] frameTimestamps(int start, int fromFrame, int toFrame) {
        int[] out = new int[toFrame - fromFrame];
        for (int i = 0; i < out.length; i++) {
            out[i] = start + (fromFrame + i) * FRAME;
        }
        return out;
    }

    static short[] concat(short[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        short[] out = new short[length];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
