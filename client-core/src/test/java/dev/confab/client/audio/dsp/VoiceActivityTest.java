package dev.confab.client.audio.dsp;

import static dev.confab.client.audio.dsp.TestSignals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VoiceActivityTest {

    private static final int FRAME = 960;

    @Test
    void opensOnSpeechAndClosesAfterExactlyTheHangover() {
        VoiceActivity vad = VoiceActivity.of(-40, Duration.ofMillis(200), 1, FRAME, RATE);
        assertThat(vad.hangoverFrames()).isEqualTo(10);
        LevelMeter meter = new LevelMeter();
        short[] quiet = TestSignals.noise(-60, 20 * FRAME, 1);
        short[] speech = TestSignals.speech(15 * FRAME, 2);
        short[] after = TestSignals.noise(-60, 30 * FRAME, 3);

        StringBuilder gate = new StringBuilder();
        for (short[] part : new short[][] {quiet, speech, after}) {
            for (int at = 0; at < part.length; at += FRAME) {
                meter.measure(part, at, FRAME);
                gate.append(vad.update(meter.rmsDbfs()) ? '#' : '.');
            }
        }
        // Closed for the noise, open for the 15 speech frames plus exactly 10 more, then closed.
        assertThat(gate.toString()).isEqualTo(".".repeat(20) + "#".repeat(15 + 10) + ".".repeat(20));
    }

    @Test
    void aLoudFrameDuringTheHangoverStartsItAgain() {
        VoiceActivity vad = new VoiceActivity(-40, 3, 1);
        StringBuilder gate = new StringBuilder();
        for (double level : new double[] {-20, -60, -60, -20, -60, -60, -60, -60, -60}) {
            gate.append(vad.update(level) ? '#' : '.');
        }
        assertThat(gate.toString()).isEqualTo("#######..");
    }

    @Test
    void anAttackIgnoresShortClicks() {
        VoiceActivity vad = new VoiceActivity(-40, 2, 2);
        StringBuilder gate = new StringBuilder();
        for (double level : new double[] {-10, -60, -60, -20, -20, -20, -60, -60, -60}) {
            gate.append(vad.update(level) ? '#' : '.');
        }
        assertThat(gate.toString()).isEqualTo("....####.");
    }

    @Test
    void theThresholdIsInclusiveAndChangeable() {
        VoiceActivity vad = new VoiceActivity(-40, 0, 1);
        assertThat(vad.update(-40)).isTrue();
        assertThat(vad.update(-40.01)).isFalse();
        vad.setThresholdDbfs(-50);
        assertThat(vad.update(-45)).isTrue();
        vad.reset();
        assertThat(vad.active()).isFalse();
        assertThatThrownBy(() -> vad.setThresholdDbfs(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hangoverRoundsUpToWholeFrames() {
        assertThat(VoiceActivity.framesIn(Duration.ofMillis(200), 960, RATE)).isEqualTo(10);
        assertThat(VoiceActivity.framesIn(Duration.ofMillis(200), 480, RATE)).isEqualTo(20);
        assertThat(VoiceActivity.framesIn(Duration.ofMillis(210), 960, RATE)).isEqualTo(11);
        assertThat(VoiceActivity.framesIn(Duration.ZERO, 960, RATE)).isZero();
    }
}
