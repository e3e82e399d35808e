package dev.confab.client.audio.device;

import static dev.confab.client.audio.device.AudioAnalysis.amplitudeAt;
import static dev.confab.client.audio.device.AudioAnalysis.dominantHz;
import static dev.confab.client.audio.device.AudioAnalysis.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final int OUT = 48_000;

    @ParameterizedTest(name = "{0} Hz to {1} Hz")
    @CsvSource({"44100, 48000", "16000, 48000", "8000, 48000", "22050, 48000", "11025, 48000", "96000, 48000",
        "32000, 48000", "47999, 48000", "48000, 44100"})
    void aToneKeepsItsFrequencyAndLevel(int from, int to) {
        float[] tone = sine(1000, 0.5, from, from); // one second
        float[] out = Resampler.resample(tone, from, to);

        assertThat(out).hasSize(Resampler.outputLength(from, from, to)).hasSize(to);
        int middle = to / 4;
        int span = to / 2;
        assertThat(dominantHz(out, middle, span, to, 200, 3000)).isCloseTo(1000, within(0.2));
        double levelDb = 20 * Math.log10(amplitudeAt(out, middle, span, 1000, to) / 0.5);
        assertThat(levelDb).isCloseTo(0, within(0.02));
        // Nothing but the tone: the residual after the ideal 48 kHz sine is far down.
        float[] ideal = sine(1000, 0.5, to, to);
        double error = 0;
        double signal = 0;
        for (int i = middle; i < middle + span; i++) {
            error += Math.pow(out[i] - ideal[i], 2);
            signal += Math.pow(ideal[i], 2);
        }
        assertThat(10 * Math.log10(error / signal)).isLessThan(-70);
    }

    @Test
    void going44100To48000GivesExactlyTheSameDuration() {
        assertThat(Resampler.outputLength(44_100, 44_100, OUT)).isEqualTo(48_000);
        assertThat(Resampler.outputLength(147, 44_100, OUT)).isEqualTo(160);
        assertThat(Resampler.outputLength(1, 44_100, OUT)).isEqualTo(2); // rounded up: no sample is lost
        assertThat(Resampler.resample(new float[0], 44_100, OUT)).isEmpty();
    }

    @Test
    void whatIsAboveTheNewNyquistFrequencyIsFilteredNotFoldedDown() {
        // 30 kHz at 96 kHz would alias to 18 kHz at 48 kHz.
        float[] high = sine(30_000, 0.5, 96_000, 96_000);
        float[] out = Resampler.resample(high, 96_000, OUT);
        double alias = amplitudeAt(out, OUT / 4, OUT / 2, 18_000, OUT);
        assertThat(20 * Math.log10(alias / 0.5)).isLessThan(-70);
        assertThat(AudioAnalysis.rmsDbfs(out, OUT / 4, OUT / 2)).isLessThan(-75);
    }

    @Test
    void imagesAboveTheOldNyquistFrequencyAreFilteredGoingUp() {
        // 5 kHz at 16 kHz has its first image at 11 kHz once the rate is 48 kHz.
        float[] tone = sine(5000, 0.5, 16_000, 16_000);
        float[] out = Resampler.resample(tone, 16_000, OUT);
        double image = amplitudeAt(out, OUT / 4, OUT / 2, 11_000, OUT);
        assertThat(20 * Math.log10(image / 0.5)).isLessThan(-70);
    }

    @Test
    void constantInputStaysConstantAndTheSameRateIsACopy() {
        float[] dc = new float[4410];
        java.util.Arrays.fill(dc, 0.25f);
        float[] out = Resampler.resample(dc, 44_100, OUT);
        for (int i = 200; i < out.length - 200; i++) {
            assertThat(out[i]).isCloseTo(0.25f, within(1e-4f));
        }
        short[] same = {1, -2, 3, Short.MAX_VALUE, Short.MIN_VALUE};
        assertThat(Resampler.resample(same, OUT, OUT)).containsExactly(same);
    }

    @Test
    void sixteenBitOutputIsRoundedAndSaturated() {
        short[] loud = AudioAnalysis.sine16(1000, 1.0, 44_100, 4410);
        short[] out = Resampler.resample(loud, 44_100, OUT);
        assertThat(out).hasSize(4800);
        int peak = 0;
        for (short s : out) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween(32_000, 32_767);
    }

    @Test
    void nonsenseRatesAreRefused() {
        assertThatThrownBy(() -> Resampler.resample(new float[10], 0, OUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Resampler.outputLength(10, 44_100, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
