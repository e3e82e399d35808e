package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The latency harness's pure parts on synthetic signals, with a hand-driven clock. */
class LatencyHarnessTest {
    private static final int FRAME = 480;
    private static final long FRAME_NANOS = 10_000_000L;

    @Test
    void frameClockIgnoresSchedulingDelaysButFollowsTheDevice() {
        AtomicLong now = new AtomicLong();
        FrameClock clock = new FrameClock(FRAME, 8, now::get);
        long[] lateBy = {3_000_000, 0, 7_000_000, 1_000_000, 0, 4_000_000};
        for (int k = 0; k < lateBy.length; k++) {
            now.set(1_000_000_000L + k * FRAME_NANOS + lateBy[k]);
            long estimate = clock.nextFrame();
            if (k >= 1) {
                assertThat(estimate).isEqualTo(1_000_000_000L + k * FRAME_NANOS);
            }
        }
        // The device restarted 50 ms later: once the window has forgotten the old origin, so has the clock.
        long frame = lateBy.length;
        for (int k = 0; k < 8; k++, frame++) {
            now.set(1_050_000_000L + frame * FRAME_NANOS);
            clock.nextFrame();
        }
        now.set(1_050_000_000L + frame * FRAME_NANOS + 2_000_000);
        assertThat(clock.nextFrame()).isEqualTo(1_050_000_000L + frame * FRAME_NANOS);
    }

    @Test
    void toneBurstHasItsLengthLevelAndStartsAtZero() {
        short[] burst = ClickInjector.toneBurst(1000, 5, -6);
        assertThat(burst).hasSize(240);
        assertThat(burst[0]).isZero();
        int peak = 0;
        for (short s : burst) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween(16300, 16430); // -6 dBFS is 16,423
    }

    @Test
    void injectorPlaysTheBurstAcrossAFrameBoundaryAndNotesWhenItStarted() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        short[] burst = ClickInjector.toneBurst(1000, 5, -6);
        ClickInjector injector = new ClickInjector(burst, new FrameClock(FRAME, 4, now::get));
        short[] stereo = new short[2 * FRAME];
        injector.fill(stereo, FRAME);
        assertThat(stereo).containsOnly((short) 0);
        assertThat(injector.firedNanos()).isZero();

        injector.fire(400); // 80 samples in this frame, 160 in the next
        now.addAndGet(FRAME_NANOS);
        java.util.Arrays.fill(stereo, (short) 0);
        injector.fill(stereo, FRAME);
        assertThat(injector.firedNanos()).isEqualTo(5_000_000_000L + FRAME_NANOS + FrameClock.samplesToNanos(400));
        assertThat(stereo[2 * 401]).isEqualTo(burst[1]);
        assertThat(stereo[2 * 401 + 1]).isEqualTo(burst[1]);

        now.addAndGet(FRAME_NANOS);
        java.util.Arrays.fill(stereo, (short) 0);
        injector.fill(stereo, FRAME);
        assertThat(stereo[0]).isEqualTo(burst[80]);
        assertThat(stereo[2 * 159]).isEqualTo(burst[239]);
        assertThat(stereo[2 * 160]).isZero();
    }

    @Test
    void detectorTimesTheFirstLoudSampleOnlyWhenArmed() {
        AtomicLong now = new AtomicLong(2_000_000_000L);
        ClickDetector detector = new ClickDetector(-20, new FrameClock(FRAME, 4, now::get));
        short[] frame = new short[FRAME];
        frame[100] = 3000;  // -20.8 dBFS: below the threshold
        frame[300] = -4000; // -18.3 dBFS: heard, though negative
        detector.accept(frame, FRAME);
        assertThat(detector.detectedNanos()).as("not armed").isZero();

        detector.arm();
        now.addAndGet(FRAME_NANOS);
        detector.accept(frame, FRAME);
        // The frame's last sample (479) arrived at the frame's time; sample 300 179 samples earlier.
        assertThat(detector.detectedNanos())
                .isEqualTo(2_000_000_000L + FRAME_NANOS - FrameClock.samplesToNanos(179));

        long first = detector.detectedNanos();
        now.addAndGet(FRAME_NANOS);
        detector.accept(frame, FRAME);
        assertThat(detector.detectedNanos()).as("one detection per arming").isEqualTo(first);
    }

    @Test
    void injectorThroughADelayLineToTheDetectorMeasuresTheDelay() {
        // The injector's frames reach the detector 7 frames and 123 samples later, with 1 to 5 ms
        // of scheduling noise on both threads' clocks: the latency must come out as the delay.
        AtomicLong playbackNow = new AtomicLong();
        AtomicLong captureNow = new AtomicLong();
        ClickInjector injector = new ClickInjector(ClickInjector.toneBurst(1000, 5, -6),
                new FrameClock(FRAME, 50, playbackNow::get));
        ClickDetector detector = new ClickDetector(-20, new FrameClock(FRAME, 50, captureNow::get));
        int delaySamples = 7 * FRAME + 123;
        short[] line = new short[200 * FRAME];
        short[] stereo = new short[2 * FRAME];
        short[] heard = new short[FRAME];
        java.util.Random random = new java.util.Random(5);
        detector.arm();
        for (int k = 0; k < 150; k++) {
            if (k == 60) {
                injector.fire(211);
            }
            playbackNow.set(k * FRAME_NANOS + 1_000_000 + random.nextInt(4_000_000));
            java.util.Arrays.fill(stereo, (short) 0);
            injector.fill(stereo, FRAME);
            for (int i = 0; i < FRAME; i++) {
                line[k * FRAME + i + delaySamples] = stereo[2 * i];
            }
            // Capture frame k is line[k * FRAME, (k + 1) * FRAME), complete at (k + 1) frames; read a little later.
            captureNow.set((k + 1) * FRAME_NANOS + 1_000_000 + random.nextInt(4_000_000));
            System.arraycopy(line, k * FRAME, heard, 0, FRAME);
            detector.accept(heard, FRAME);
        }
        double millis = (detector.detectedNanos() - injector.firedNanos()) / 1e6;
        // The burst's first sample is 0 and its second 2,143 (below -20 dBFS = 3,277): the third is
        // heard, 2 samples after the start; and a captured frame's time is that of the sample just
        // after its last one (both clocks here count frames from the same line position): 1 more.
        double expected = (delaySamples + 2 + 1) / 48.0;
        assertThat(millis).isCloseTo(expected, within(0.2));
    }

    @Test
    void deviceLoopPlaysTheNewestFrameOnlyWhileOpen() {
        DeviceLoop loop = new DeviceLoop(4);
        short[] stereo = new short[8];
        for (short first : new short[] {1, 5, 9}) {
            loop.captured(new short[] {first, (short) (first + 1), (short) (first + 2), (short) (first + 3)}, 4);
        }
        loop.play(stereo, 4);
        assertThat(stereo).as("closed: silence, and the backlog dropped").containsOnly((short) 0);

        loop.setOpen(true);
        loop.play(stereo, 4);
        assertThat(stereo).as("nothing new captured: silence").containsOnly((short) 0);
        loop.captured(new short[] {13, 14, 15, 16}, 4);
        loop.captured(new short[] {17, 18, 19, 20}, 4);
        loop.play(stereo, 4);
        assertThat(stereo).containsExactly(17, 17, 18, 18, 19, 19, 20, 20);
    }

    @Test
    void samplesGivePercentilesOfTheHeardAndCountTheLost() {
        LatencyScenario.Samples samples = new LatencyScenario.Samples();
        for (double m : new double[] {80, 70, Double.NaN, 90, 100, Double.NaN}) {
            samples.add(m);
        }
        assertThat(samples.heard()).isEqualTo(4);
        assertThat(samples.lost()).isEqualTo(2);
        assertThat(samples.percentile(50)).isEqualTo(80);
        assertThat(samples.percentile(90)).isEqualTo(100);
        assertThat(samples.percentile(0)).isEqualTo(70);
    }

    @Test
    void cpuShareOfAFrame() {
        assertThat(CpuCommand.percentOfCore(1000)).isEqualTo(5.0);
        assertThat(CpuCommand.line("receive", 452.14, 12.3)).contains("452.1 µs").contains("2.26 % of one core");
    }
}
