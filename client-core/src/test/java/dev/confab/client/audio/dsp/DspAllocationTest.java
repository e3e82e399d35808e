package dev.confab.client.audio.dsp;

import static dev.confab.client.audio.dsp.TestSignals.RATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-frame DSP allocates nothing (HotSpot's per-thread allocation counter). */
class DspAllocationTest {

    private static final int FRAME = 960;

    @Test
    void aFrameThroughRingFilterGainMeterAndGateAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SampleRing ring = new SampleRing(8192);
        HighPass highPass = HighPass.voice(RATE);
        Gain gain = new Gain(RATE, 12);
        LevelMeter meter = new LevelMeter();
        VoiceActivity vad = VoiceActivity.of(-40, Duration.ofMillis(200), 1, FRAME, RATE);
        short[] source = TestSignals.speech(50 * FRAME, 1);
        short[] frame = new short[FRAME];
        byte[] pcm = new byte[2 * FRAME];

        for (int round = 0; round < 3; round++) { // warm up, then measure twice
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int f = 0; f < 1000; f++) {
                int at = (f % 50) * FRAME;
                if (f % 2 == 0) {
                    ring.write(source, at, FRAME);
                } else {
                    ring.writeLittleEndian(pcm, 0, pcm.length);
                }
                ring.readFully(frame, 0, FRAME);
                highPass.process(frame, 0, FRAME);
                gain.process(frame, 0, FRAME);
                meter.measure(frame, 0, FRAME);
                vad.update(meter.rmsDbfs());
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round > 0) {
                assertThat(allocated).as("bytes allocated over 1000 frames").isLessThan(1000);
            }
        }
    }
}
