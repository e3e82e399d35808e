package dev.confab.client.audio.dsp;

import static dev.confab.client.audio.dsp.TestSignals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HighPassTest {

    private static final int FRAME = 960;

    @Test
    void removesDcOffset() {
        short[] dc = new short[RATE];
        Arrays.fill(dc, (short) 8000);
        filterInFrames(HighPass.voice(RATE), dc);
        // After 100 ms the offset is gone: nothing left above one least significant bit.
        for (int i = RATE / 10; i < dc.length; i++) {
            assertThat(Math.abs(dc[i])).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void removes30HzAndPasses1kHzWithinHalfADecibel() {
        assertThat(gainDb(HighPass.voice(RATE), 30)).isLessThan(-30);
        assertThat(gainDb(HighPass.voice(RATE), 1000)).isCloseTo(0, within(0.5));
        assertThat(gainDb(HighPass.voice(RATE), 1000)).isCloseTo(0, within(0.05));
    }

    @Test
    void measuredResponseMatchesTheDesign() {
        for (int order : new int[] {1, 2, 4}) {
            for (double hz : new double[] {30, 50, 80, 100, 300, 1000, 4000}) {
                HighPass design = new HighPass(RATE, 80, order);
                double expected = design.responseDb(RATE, hz);
                assertThat(gainDb(new HighPass(RATE, 80, order), hz))
                        .as("order %d at %s Hz", order, hz).isCloseTo(expected, within(0.15));
            }
        }
        HighPass voice = HighPass.voice(RATE);
        assertThat(voice.responseDb(RATE, 80)).isCloseTo(-3.01, within(0.01));
        assertThat(voice.responseDb(RATE, 100)).isCloseTo(-0.7, within(0.1));
        assertThat(voice.responseDb(RATE, 50)).isLessThan(-16);
        assertThat(voice.responseDb(RATE, 30)).isLessThan(-33);
        assertThat(voice.responseDb(RATE, 300)).isGreaterThan(-0.001);
    }

    @Test
    void framingDoesNotChangeTheOutput() {
        short[] input = TestSignals.speech(RATE / 2, 3);
        short[] whole = input.clone();
        new HighPass(RATE, 80, 4).process(whole, 0, whole.length);
        short[] pieces = input.clone();
        HighPass filter = new HighPass(RATE, 80, 4);
        for (int at = 0, n = 1; at < pieces.length; at += n, n = n * 3 % 1001 + 1) {
            filter.process(pieces, at, Math.min(n, pieces.length - at));
        }
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new HighPass(RATE, 80, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HighPass(RATE, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HighPass(RATE, 24_000, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Output over input RMS, in dB, of a sine after the filter has settled. */
    private static double gainDb(HighPass filter, double hz) {
        short[] sine = TestSignals.sine(hz, 10_000, 2 * RATE);
        short[] out = sine.clone();
        filterInFrames(filter, out);
        int settled = RATE; // the last second, a whole number of cycles of every test frequency
        return TestSignals.rmsDbfs(out, settled, RATE) - TestSignals.rmsDbfs(sine, settled, RATE);
    }

    private static void filterInFrames(HighPass filter, short[] samples) {
        for (int at = 0; at < samples.length; at += FRAME) {
            filter.process(samples, at, Math.min(FRAME, samples.length - at));
        }
    }
}
