package dev.confab.client.audio.capture;

import static dev.confab.client.audio.capture.Capture.FRAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.dsp.TestSignals;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the mode changes, push-to-talk presses and audio, frame by frame: a packet goes out
 * only when the mode said so for that frame, and it carries the start timestamp plus 960 for
 * every frame before it, sent or not (wrapping as a 32-bit clock does).
 */
class CapturePipelineProperties {

    private static final short[] SPEECH = TestSignals.speech(64 * FRAME, 11);
    private static final short[] NOISE = TestSignals.noise(-60, 64 * FRAME, 12);
    private static final short[] SILENCE = new short[64 * FRAME];

    enum Sound { SPEECH, NOISE, SILENCE }

    record Step(TransmitMode mode, boolean talkKey, Sound sound) { }

    @Provide
    Arbitrary<List<Step>> steps() {
        // Runs of the same step, so that modes and talk spurts last long enough to matter.
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(TransmitMode.class), Arbitraries.of(true, false),
                Arbitraries.of(Sound.class)).as(Step::new);
        return Combinators.combine(step, Arbitraries.integers().between(1, 12))
                .as((s, n) -> java.util.Collections.nCopies(n, s))
                .list().ofMinSize(1).ofMaxSize(6)
                .map(runs -> runs.stream().flatMap(List::stream).limit(64).toList());
    }

    @Property(tries = 40)
    void packetsGoOutOnlyWhenTheModeSaysAndTimestampsCountEveryFrame(@ForAll("steps") List<Step> steps,
                                                                   @ForAll int start) {
        Capture capture = new Capture(CaptureOptions.DEFAULT.withStartTimestamp(start));
        for (int f = 0; f < steps.size(); f++) {
            Step step = steps.get(f);
            capture.pipeline.setMode(step.mode());
            if (step.talkKey()) {
                capture.pipeline.startTalking();
            } else {
                capture.pipeline.stopTalking();
            }
            short[] audio = switch (step.sound()) {
                case SPEECH -> SPEECH;
                case NOISE -> NOISE;
                case SILENCE -> SILENCE;
            };
            int before = capture.packets.size();
            capture.frame(audio, f);
            CaptureState state = capture.pipeline.state();
            boolean said = step.mode().transmits(step.talkKey(), state.voiceDetected());
            assertThat(state.transmitting()).isEqualTo(said);
            int sent = capture.packets.size() - before;
            assertThat(sent).isLessThanOrEqualTo(said ? 1 : 0);
            if (sent == 1) {
                assertThat(capture.packets.get(before).timestamp()).isEqualTo(start + f * FRAME);
            }
            if (said && step.sound() == Sound.SPEECH) {
                assertThat(sent).as("speech is never DTX").isEqualTo(1);
            }
        }
        CaptureState state = capture.pipeline.state();
        assertThat(state.framesCaptured()).isEqualTo(steps.size());
        assertThat(state.packetsSent() + state.framesDiscontinuous() + state.encodeFailures())
                .isEqualTo(state.framesTransmitted());
        assertThat(state.encodeFailures()).isZero();
    }
}
