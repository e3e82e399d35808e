package dev.confab.client.audio.capture;

import static dev.confab.client.audio.capture.Capture.FRAME;
import static dev.confab.client.audio.capture.Capture.concat;
import static dev.confab.client.audio.capture.Capture.frameTimestamps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.confab.client.audio.codec.OpusFrameEncoder;
import dev.confab.client.audio.dsp.LevelMeter;
import dev.confab.client.audio.dsp.SampleRing;
import dev.confab.client.audio.dsp.TestSignals;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CapturePipelineTest {

    private static final int RATE = TestSignals.RATE;

    @Test
    void pushToTalkSendsOnlyBetweenStartAndStop() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.PUSH_TO_TALK));
        short[] speech = TestSignals.speech(50 * FRAME, 1);
        for (int f = 0; f < 50; f++) {
            if (f == 10) {
                capture.pipeline.startTalking();
            }
            if (f == 30) {
                capture.pipeline.stopTalking();
            }
            capture.frame(speech, f);
        }
        assertThat(capture.decisions.toString()).isEqualTo(".".repeat(10) + "#".repeat(20) + ".".repeat(20));
        assertThat(capture.timestamps()).containsExactly(frameTimestamps(0, 10, 30));
        CaptureState state = capture.pipeline.state();
        assertThat(state.framesCaptured()).isEqualTo(50);
        assertThat(state.framesTransmitted()).isEqualTo(20);
        assertThat(state.packetsSent()).isEqualTo(20);
        assertThat(state.framesDiscontinuous()).isZero();
        assertThat(state.bytesSent()).isEqualTo(capture.packets.stream().mapToLong(p -> p.payload().length).sum());
    }

    @Test
    void voiceActivationSendsTheBurstPlusTheHangover() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.VOICE_ACTIVATED));
        assertThat(capture.pipeline.hangoverFrames()).isEqualTo(10);
        short[] audio = concat(TestSignals.noise(-60, 20 * FRAME, 1), TestSignals.speech(15 * FRAME, 2),
                TestSignals.noise(-60, 30 * FRAME, 3));
        capture.frames(audio);
        // 15 frames of speech and then exactly 200 ms (10 frames) more.
        assertThat(capture.decisions.toString()).isEqualTo(".".repeat(20) + "#".repeat(25) + ".".repeat(20));
        // Every one of them goes out, but for hangover frames Opus's own detector found silent
        // enough for DTX (here the last two of the faint noise): they leave a timestamp gap.
        CaptureState state = capture.pipeline.state();
        assertThat(state.framesTransmitted()).isEqualTo(25);
        assertThat(state.packetsSent() + state.framesDiscontinuous()).isEqualTo(25);
        assertThat(state.framesDiscontinuous()).isLessThanOrEqualTo(5);
        assertThat(capture.timestamps()).containsExactly(frameTimestamps(0, 20, 20 + (int) state.packetsSent()));
    }

    @Test
    void mutedSendsNothingButKeepsMetering() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.MUTED));
        capture.pipeline.startTalking();
        capture.frames(TestSignals.speech(30 * FRAME, 1));
        assertThat(capture.packets).isEmpty();
        CaptureState state = capture.pipeline.state();
        assertThat(state.mode()).isEqualTo(TransmitMode.MUTED);
        assertThat(state.framesCaptured()).isEqualTo(30);
        assertThat(state.framesTransmitted()).isZero();
        assertThat(state.voiceDetected()).isTrue();
        assertThat(state.transmitting()).isFalse();
        assertThat(state.rmsDbfs()).isBetween(-35.0, -10.0);
        assertThat(state.peakDbfs()).isGreaterThan(state.rmsDbfs());
    }

    @Test
    void continuousSendsEverythingButDtxSilence() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
        capture.frames(concat(TestSignals.speech(20 * FRAME, 1), new short[60 * FRAME]));
        CaptureState state = capture.pipeline.state();
        assertThat(state.framesTransmitted()).isEqualTo(80);
        assertThat(state.packetsSent() + state.framesDiscontinuous()).isEqualTo(80);
        assertThat(state.framesDiscontinuous()).isGreaterThan(30);
        assertThat(capture.timestamps()).startsWith(frameTimestamps(0, 0, 20));
        assertThat(state.rmsDbfs()).isEqualTo(LevelMeter.SILENCE_DBFS);
        assertThat(state.voiceDetected()).isFalse();
    }

    @Test
    void theClockAdvancesAFrameAtATimeAndWraps() {
        int start = Integer.MAX_VALUE - 5 * FRAME;
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS).withStartTimestamp(start));
        capture.frames(TestSignals.speech(12 * FRAME, 1));
        assertThat(capture.timestamps()).containsExactly(frameTimestamps(start, 0, 12));
        assertThat(capture.timestamps()[6]).isNegative(); // wrapped, as a 32-bit sample clock does
    }

    @Test
    void tapsSeeTheRawAndTheProcessedFrames() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.MUTED));
        List<short[]> raw = new ArrayList<>();
        List<short[]> processed = new ArrayList<>();
        List<Integer> stamps = new ArrayList<>();
        capture.pipeline.setRawTap((samples, offset, length, timestamp) -> {
            raw.add(Arrays.copyOfRange(samples, offset, offset + length));
            stamps.add(timestamp);
        });
        capture.pipeline.setProcessedTap((samples, offset, length, timestamp) ->
                processed.add(Arrays.copyOfRange(samples, offset, offset + length)));
        short[] offsetSpeech = TestSignals.speech(10 * FRAME, 1);
        for (int i = 0; i < offsetSpeech.length; i++) {
            offsetSpeech[i] += 3000; // a DC offset, as some cheap microphones have
        }
        capture.frames(offsetSpeech);

        assertThat(stamps).containsExactly(0, 960, 1920, 2880, 3840, 4800, 5760, 6720, 7680, 8640);
        for (int f = 0; f < 10; f++) {
            assertThat(raw.get(f)).isEqualTo(Arrays.copyOfRange(offsetSpeech, f * FRAME, (f + 1) * FRAME));
        }
        // The high-pass took the offset out.
        assertThat(mean(raw.get(9))).isCloseTo(3000, within(300.0));
        assertThat(mean(processed.get(9))).isCloseTo(0, within(50.0));

        capture.pipeline.setRawTap(null);
        capture.frames(offsetSpeech);
        assertThat(raw).hasSize(10);
        assertThat(processed).hasSize(20);
    }

    @Test
    void gainAndThresholdChangeFromTheNextFrame() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.VOICE_ACTIVATED).withHighPass(false));
        short[] quietSpeech = TestSignals.scaled(TestSignals.speech(10 * FRAME, 1), 0.05); // about -53 dBFS
        capture.frames(quietSpeech);
        assertThat(capture.packets).isEmpty();
        double before = capture.pipeline.state().rmsDbfs();

        capture.pipeline.setGainDb(20);
        capture.frames(quietSpeech);
        CaptureState state = capture.pipeline.state();
        assertThat(state.gainDb()).isEqualTo(20);
        assertThat(state.rmsDbfs()).isCloseTo(before + 20, within(0.1));
        assertThat(capture.packets).hasSizeBetween(9, 10); // the first frame ramps up to the new gain

        int sent = capture.packets.size();
        capture.pipeline.setGainDb(0);
        capture.pipeline.setVoiceThresholdDbfs(-60);
        assertThat(capture.pipeline.state().voiceThresholdDbfs()).isEqualTo(-60);
        capture.frames(Arrays.copyOf(quietSpeech, 5 * FRAME));
        assertThat(capture.pipeline.state().rmsDbfs()).isCloseTo(TestSignals.rmsDbfs(quietSpeech, 4 * FRAME, FRAME), within(0.1));
        assertThat(capture.packets).hasSize(sent + 5);
        assertThatThrownBy(() -> capture.pipeline.setVoiceThresholdDbfs(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> capture.pipeline.setGainDb(99)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBacklogIsSkippedOldestFirstAndTheClockKeepsRealTime() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS).withMaxBacklogFrames(2));
        List<Integer> tapped = new ArrayList<>();
        List<Short> firstSamples = new ArrayList<>();
        capture.pipeline.setRawTap((samples, offset, length, timestamp) -> {
            tapped.add(timestamp);
            firstSamples.add(samples[offset]);
        });
        short[] speech = TestSignals.speech(10 * FRAME, 1);
        capture.ring.write(speech, 0, speech.length); // 10 frames at once: a 200 ms stall

        assertThat(capture.pipeline.processAvailable()).isEqualTo(3);
        assertThat(capture.pipeline.state().framesSkipped()).isEqualTo(7);
        assertThat(tapped).containsExactly(7 * FRAME, 8 * FRAME, 9 * FRAME);
        assertThat(firstSamples).containsExactly(speech[7 * FRAME], speech[8 * FRAME], speech[9 * FRAME]);
        assertThat(capture.timestamps()).containsExactly(frameTimestamps(0, 7, 10));
    }

    @Test
    void samplesLostToAFullRingAdvanceTheClockByWholeFrames() {
        SampleRing ring = new SampleRing(2048);
        List<Integer> stamps = new ArrayList<>();
        CapturePipeline pipeline = new CapturePipeline(ring, new OpusFrameEncoder(24_000),
                (payload, length, timestamp) -> stamps.add(timestamp), CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
        short[] speech = TestSignals.speech(5 * FRAME, 1);
        assertThat(ring.write(speech, 0, speech.length)).isEqualTo(2048); // 2752 lost: two frames and 832 samples

        assertThat(pipeline.processAvailable()).isEqualTo(2);
        assertThat(stamps).containsExactly(2 * FRAME, 3 * FRAME);
        assertThat(pipeline.state().samplesOverflowed()).isEqualTo(2752);

        ring.write(speech, 0, FRAME); // 128 left + 960: one frame; the 832 lost after the two frames wait
        assertThat(pipeline.processAvailable()).isEqualTo(1);
        ring.write(speech, 0, 2048); // 128 left + 1920 stored, 128 lost: with the 832, a third whole frame
        assertThat(pipeline.state().samplesOverflowed()).isEqualTo(2880);
        assertThat(pipeline.processAvailable()).isEqualTo(2);
        assertThat(stamps).containsExactly(2 * FRAME, 3 * FRAME, 4 * FRAME, 6 * FRAME, 7 * FRAME);
    }

    @Test
    void aRoomChangeSetsTheBitrateFromTheNextFrame() {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
        short[] speech = TestSignals.speech(100 * FRAME, 1);
        capture.frames(Arrays.copyOf(speech, 50 * FRAME));
        capture.pipeline.setBitrate(64_000);
        assertThat(capture.pipeline.state().bitrate()).isEqualTo(64_000);
        capture.frames(Arrays.copyOfRange(speech, 50 * FRAME, 100 * FRAME));
        double low = capture.packets.subList(5, 50).stream().mapToInt(p -> p.payload().length).average().orElseThrow();
        double high = capture.packets.subList(55, 100).stream().mapToInt(p -> p.payload().length).average().orElseThrow();
        assertThat(low).isBetween(0.8 * 60, 1.2 * 60);
        assertThat(high).isBetween(0.8 * 160, 1.2 * 160);
    }

    @Test
    void aFailingSinkOrTapLosesOnlyItsOwnCall() {
        SampleRing ring = new SampleRing(8192);
        int[] calls = new int[1];
        CapturePipeline pipeline = new CapturePipeline(ring, new OpusFrameEncoder(24_000), (payload, length, timestamp) -> {
            if (calls[0]++ % 2 == 0) {
                throw new IllegalStateException("a sink that fails on every other packet");
            }
        }, CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
        pipeline.setProcessedTap((samples, offset, length, timestamp) -> {
            throw new IllegalStateException("a broken dumper");
        });
        short[] speech = TestSignals.speech(10 * FRAME, 1);
        ring.write(speech, 0, speech.length);
        assertThat(pipeline.processAvailable()).isEqualTo(5); // the default backlog limit skipped 5
        CaptureState state = pipeline.state();
        assertThat(state.framesCaptured()).isEqualTo(5);
        assertThat(state.packetsSent()).isEqualTo(2);
        assertThat(state.callbackFailures()).isEqualTo(5 + 3);
    }

    @Test
    void aStartedPipelineRunsOnItsOwnThreadUntilClosed() throws Exception {
        SampleRing ring = new SampleRing(RATE); // a second: no overflow even while the JIT is cold
        List<Integer> stamps = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CapturePipeline pipeline = new CapturePipeline(ring, new OpusFrameEncoder(24_000), (payload, length, timestamp) -> {
            stamps.add(timestamp);
            threads.add(Thread.currentThread().getName());
        }, CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
        pipeline.start();
        assertThatThrownBy(pipeline::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pipeline::processFrame).isInstanceOf(IllegalStateException.class);

        short[] speech = TestSignals.speech(25 * FRAME, 1);
        for (int at = 0; at < speech.length; at += 480) { // a device delivering 10 ms at a time
            ring.write(speech, at, 480);
            Thread.sleep(10);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pipeline.state().framesCaptured() + pipeline.state().framesSkipped() < 25 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long closing = System.nanoTime();
        pipeline.close();
        assertThat(System.nanoTime() - closing).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));

        // A cold encoder may fall behind at first and skip a backlog; every frame is accounted
        // for either way, and the clock ends where real time is.
        CaptureState state = pipeline.state();
        assertThat(state.samplesOverflowed()).isZero();
        assertThat(state.framesCaptured() + state.framesSkipped()).isEqualTo(25);
        assertThat(stamps).hasSize((int) state.framesCaptured()).isSorted().last().isEqualTo(24 * FRAME);
        assertThat(stamps).allSatisfy(stamp -> assertThat(stamp % FRAME).isZero());
        assertThat(threads).containsOnly("confab-capture");
        ring.write(speech, 0, FRAME);
        Thread.sleep(50);
        assertThat(pipeline.state().framesCaptured()).isEqualTo(state.framesCaptured());
        assertThatThrownBy(pipeline::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void framesThatAreNotEncodedAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SampleRing ring = new SampleRing(8192);
        CapturePipeline pipeline = new CapturePipeline(ring, new OpusFrameEncoder(24_000),
                (payload, length, timestamp) -> { }, CaptureOptions.DEFAULT.withGainDb(6));
        FrameTap tap = (samples, offset, length, timestamp) -> { };
        pipeline.setRawTap(tap);
        pipeline.setProcessedTap(tap);
        short[] speech = TestSignals.speech(50 * FRAME, 1);
        for (TransmitMode mode : new TransmitMode[] {TransmitMode.MUTED, TransmitMode.PUSH_TO_TALK, TransmitMode.MUTED}) {
            pipeline.setMode(mode);
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int f = 0; f < 500; f++) {
                ring.write(speech, (f % 50) * FRAME, FRAME);
                pipeline.processFrame();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (mode == TransmitMode.PUSH_TO_TALK) {
                assertThat(allocated).as("bytes allocated over 500 frames").isLessThan(1000);
            }
        }
    }

    private static double mean(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += s;
        }
        return sum / samples.length;
    }
}
