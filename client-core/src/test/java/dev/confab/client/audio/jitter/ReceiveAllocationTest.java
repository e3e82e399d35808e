package dev.confab.client.audio.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.codec.OpusTestCodec;
import dev.confab.client.audio.dsp.TestSignals;
import dev.confab.client.audio.mix.Mixer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The receive path allocates nothing per frame of its own (HotSpot's per-thread allocation
 * counter); only Concentus does, inside each decode. Also measures what ten speakers cost.
 */
class ReceiveAllocationTest {

    private static final int FRAME = 960;
    private static final long FRAME_NANOS = 20_000_000L;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void filingAndPullingAllocateNothing() {
        JitterBuffer buffer = new JitterBuffer(JitterOptions.DEFAULT);
        JitterBuffer.Playout playout = new JitterBuffer.Playout();
        byte[][] payloads = new byte[64][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new byte[] {(byte) i};
        }
        long t = 0;
        int ts = 0;
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int f = 0; f < 1000; f++, t += FRAME_NANOS, ts += FRAME) {
                if (f % 10 != 3) { // some loss, so FEC and PLC answers are taken too
                    buffer.offer(ts, payloads[f % 64], t + (f * 7919L % 30) * 1_000_000L);
                }
                buffer.pull(t, playout);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round > 0) {
                assertThat(allocated).as("bytes allocated over 1000 frames").isLessThan(1000);
            }
        }
        assertThat(buffer.fecFrames() + buffer.plcFrames()).isPositive();
    }

    @Test
    void readingSilenceAllocatesNothing() {
        SpeakerStream stream = new SpeakerStream(1, JitterOptions.DEFAULT);
        short[] frame = new short[FRAME];
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int f = 0; f < 1000; f++) {
                stream.read(frame, 0, f * FRAME_NANOS);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round > 0) {
                assertThat(allocated).isLessThan(1000);
            }
        }
    }

    /**
     * Ten speakers decoded and mixed, frame by frame on one thread: the time per 20 ms frame as a
     * share of one core, and what Concentus allocates per decode. Printed for the performance
     * notes; the assertion is loose, as the machine is shared.
     */
    @Test
    void tenSpeakersDecodedAndMixed() {
        int frames = 500;
        byte[][] packets = OpusTestCodec.encode(TestSignals.speech(frames * FRAME, 6), FRAME, 24_000);
        Mixer mixer = new Mixer(FRAME);
        short[] frame = new short[FRAME];
        short[] stereo = new short[2 * FRAME];
        double best = Double.MAX_VALUE;
        long bytesPerFrame = 0;
        for (int round = 0; round < 4; round++) {
            SpeakerStream[] streams = new SpeakerStream[10];
            for (int s = 0; s < streams.length; s++) {
                streams[s] = new SpeakerStream(s, JitterOptions.DEFAULT);
            }
            long cpu = 0;
            long allocated = 0;
            for (int f = 0; f < frames; f++) {
                long t = f * FRAME_NANOS;
                for (SpeakerStream s : streams) {
                    s.offer(f * FRAME, packets[f], t);
                }
                long bytesBefore = threads.getCurrentThreadAllocatedBytes();
                long before = threads.getCurrentThreadCpuTime();
                for (SpeakerStream s : streams) {
                    if (s.read(frame, 0, t) != JitterBuffer.Kind.SILENCE) {
                        mixer.add(s.speaker(), frame, 0);
                    }
                }
                mixer.mixTo(stereo, 0);
                cpu += threads.getCurrentThreadCpuTime() - before;
                allocated += threads.getCurrentThreadAllocatedBytes() - bytesBefore;
            }
            best = Math.min(best, (double) cpu / frames);
            bytesPerFrame = allocated / frames / streams.length;
        }
        double percentOfCore = 100 * best / FRAME_NANOS;
        System.out.printf("10 speakers decoded and mixed: %.0f us per 20 ms frame (%.1f %% of one core);"
                + " Concentus allocates about %d bytes per decode%n", best / 1000, percentOfCore, bytesPerFrame);
        assertThat(percentOfCore).isLessThan(25);
    }
}
