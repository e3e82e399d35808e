package dev.confab.client.audio.dsp;

import static dev.confab.client.audio.dsp.TestSignals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GainTest {

    private static final int FRAME = 960;

    @Test
    void zeroDecibelsLeavesSamplesAlone() {
        short[] speech = TestSignals.speech(10 * FRAME, 1);
        short[] out = speech.clone();
        Gain gain = new Gain(RATE, 0);
        for (int at = 0; at < out.length; at += FRAME) {
            gain.process(out, at, FRAME);
        }
        assertThat(out).isEqualTo(speech);
    }

    @Test
    void sixDecibelsDoublesAQuietSignal() {
        short[] sine = TestSignals.sine(440, 1000, 10 * FRAME);
        short[] out = sine.clone();
        Gain gain = new Gain(RATE, 6.0206);
        for (int at = 0; at < out.length; at += FRAME) {
            gain.process(out, at, FRAME);
        }
        for (int i = 0; i < out.length; i++) {
            assertThat((double) out[i]).isCloseTo(2.0 * sine[i], within(1.0));
        }
        assertThat(gain.limitedFrames()).isZero();
    }

    @Test
    void theLimiterTurnsLoudFramesDownInsteadOfClippingThem() {
        short[] loud = TestSignals.speech(50 * FRAME, 2);
        short[] out = loud.clone();
        Gain gain = new Gain(RATE, 20);
        double ceiling = LevelMeter.fromDbfs(Gain.CEILING_DBFS);
        for (int at = 0; at < out.length; at += FRAME) {
            gain.process(out, at, FRAME);
        }
        for (short s : out) {
            assertThat(Math.abs((double) s)).isLessThanOrEqualTo(ceiling + 1);
        }
        assertThat(gain.clippedSamples()).isZero();
        assertThat(gain.limitedFrames()).isPositive();
        assertThat(gain.appliedDb()).isLessThan(20);
    }

    @Test
    void afterAPeakTheGainComesBackAtTheReleaseRate() {
        Gain gain = new Gain(RATE, 12);
        short[] shout = TestSignals.sine(440, 30_000, FRAME);
        gain.process(shout, 0, FRAME);
        double down = gain.appliedDb();
        assertThat(down).isCloseTo(Gain.CEILING_DBFS - 20 * Math.log10(30_000 / 32768.0), within(0.1));

        short[] whisper = TestSignals.sine(440, 100, FRAME);
        int frames = 0;
        while (gain.appliedDb() < 12 - 1e-9) {
            gain.process(whisper.clone(), 0, FRAME);
            frames++;
        }
        double seconds = frames * FRAME / (double) RATE;
        assertThat(seconds).isCloseTo((12 - down) / Gain.RELEASE_DB_PER_SECOND, within(0.03));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Gain(RATE, 31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Gain(RATE, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
