package dev.confab.client.audio.dsp;

import static dev.confab.client.audio.dsp.TestSignals.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LevelMeterTest {

    @Test
    void aFullScaleSineReadsMinus3DbfsRmsAnd0DbfsPeak() {
        LevelMeter meter = new LevelMeter();
        short[] sine = TestSignals.sine(1000, 32767, 960);
        meter.measure(sine, 0, sine.length);
        assertThat(meter.rmsDbfs()).isCloseTo(-3.01, within(0.02));
        assertThat(meter.peakDbfs()).isCloseTo(0, within(0.01));
    }

    @Test
    void levelsFollowAmplitude() {
        LevelMeter meter = new LevelMeter();
        short[] half = TestSignals.sine(440, 16384, RATE / 10);
        meter.measure(half, 0, half.length);
        assertThat(meter.rmsDbfs()).isCloseTo(-9.03, within(0.05));
        assertThat(meter.peakDbfs()).isCloseTo(-6.02, within(0.05));

        short[] square = new short[960];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) ((i / 48) % 2 == 0 ? -32768 : 32767);
        }
        meter.measure(square, 0, square.length);
        assertThat(meter.rmsDbfs()).isCloseTo(0, within(0.01));
    }

    @Test
    void silenceReadsTheFloorAndOneBitReadsMinus90() {
        LevelMeter meter = new LevelMeter();
        meter.measure(new short[960], 0, 960);
        assertThat(meter.rmsDbfs()).isEqualTo(LevelMeter.SILENCE_DBFS);
        assertThat(meter.peakDbfs()).isEqualTo(LevelMeter.SILENCE_DBFS);

        short[] oneBit = new short[960];
        java.util.Arrays.fill(oneBit, (short) 1);
        meter.measure(oneBit, 0, oneBit.length);
        assertThat(meter.rmsDbfs()).isCloseTo(-90.31, within(0.01));
        meter.measure(oneBit, 0, 0);
        assertThat(meter.rmsDbfs()).isEqualTo(LevelMeter.SILENCE_DBFS);
    }

    @Test
    void measuresOnlyTheGivenSpan() {
        LevelMeter meter = new LevelMeter();
        short[] frames = new short[1920];
        System.arraycopy(TestSignals.sine(1000, 32767, 960), 0, frames, 960, 960);
        meter.measure(frames, 0, 960);
        assertThat(meter.rmsDbfs()).isEqualTo(LevelMeter.SILENCE_DBFS);
        meter.measure(frames, 960, 960);
        assertThat(meter.rmsDbfs()).isCloseTo(-3.01, within(0.02));
    }

    @Test
    void dbfsConversionsRoundTrip() {
        assertThat(LevelMeter.toDbfs(LevelMeter.fromDbfs(-20))).isCloseTo(-20, within(1e-9));
        assertThat(LevelMeter.toDbfs(0)).isEqualTo(LevelMeter.SILENCE_DBFS);
        assertThat(LevelMeter.toDbfs(32768)).isEqualTo(0);
    }
}
