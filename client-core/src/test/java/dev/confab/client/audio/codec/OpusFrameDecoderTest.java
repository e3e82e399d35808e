package dev.confab.client.audio.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.client.audio.dsp.TestSignals;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpusFrameDecoderTest {

    private static final int FRAME = OpusFrameDecoder.FRAME_20_MS;

    @Test
    void decodesWhatWasEncoded() {
        short[] tones = TestSignals.tones(100 * FRAME);
        byte[][] packets = OpusTestCodec.encode(tones, FRAME, 32_000);
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        short[] out = new short[tones.length];
        for (int f = 0; f < packets.length; f++) {
            assertThat(decoder.decode(packets[f], 0, packets[f].length, out, f * FRAME)).isTrue();
        }
        assertThat(decoder.framesDecoded()).isEqualTo(100);
        assertThat(decoder.decodeErrors()).isZero();
        // Opus delays the signal (its look-ahead and more); once aligned, the decoded tones match the input.
        int lag = bestLag(tones, out, 10 * FRAME, 80 * FRAME);
        assertThat(TestSignals.correlation(tones, 10 * FRAME, out, 10 * FRAME + lag, 80 * FRAME)).isGreaterThan(0.98);
        assertThat(TestSignals.rmsDbfs(out, 10 * FRAME, 80 * FRAME))
                .isCloseTo(TestSignals.rmsDbfs(tones, 10 * FRAME, 80 * FRAME), org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void tenMillisecondFrames() {
        int frame = OpusFrameDecoder.FRAME_10_MS;
        short[] tones = TestSignals.tones(100 * frame);
        byte[][] packets = OpusTestCodec.encode(tones, frame, 32_000);
        OpusFrameDecoder decoder = new OpusFrameDecoder(frame);
        short[] out = new short[tones.length];
        for (int f = 0; f < packets.length; f++) {
            assertThat(decoder.decode(packets[f], 0, packets[f].length, out, f * frame)).isTrue();
        }
        decoder.conceal(out, 0);
        assertThat(decoder.plcFrames()).isEqualTo(1);
        int lag = bestLag(tones, out, 20 * frame, 70 * frame);
        assertThat(TestSignals.correlation(tones, 20 * frame, out, 20 * frame + lag, 70 * frame)).isGreaterThan(0.98);
        assertThat(decoder.frameSamples()).isEqualTo(frame);
        assertThatThrownBy(() -> new OpusFrameDecoder(720)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Lost frames in speech at a voice room's rate (24 kb/s, wideband): rebuilt from the next
     * packet's FEC where it arrived, concealed with PLC where not, the result is measurably
     * closer to what a lossless receiver hears than PLC alone, and PLC alone than silence.
     */
    @Test
    void fecBeatsPlcBeatsSilence() {
        short[] speech = TestSignals.speech(500 * FRAME, 3);
        byte[][] packets = OpusTestCodec.encode(speech, FRAME, 24_000);
        short[] clean = OpusTestCodec.decodeAll(packets, FRAME);
        SplittableRandom random = new SplittableRandom(11);
        boolean[] lost = new boolean[packets.length];
        for (int f = 5; f < packets.length; f++) {
            lost[f] = random.nextDouble() < 0.10;
        }

        short[] silence = new short[clean.length];
        short[] plc = new short[clean.length];
        short[] fec = new short[clean.length];
        OpusFrameDecoder silenceDecoder = new OpusFrameDecoder();
        OpusFrameDecoder plcDecoder = new OpusFrameDecoder();
        OpusFrameDecoder fecDecoder = new OpusFrameDecoder();
        for (int f = 0; f < packets.length; f++) {
            int at = f * FRAME;
            if (!lost[f]) {
                silenceDecoder.decode(packets[f], 0, packets[f].length, silence, at);
                plcDecoder.decode(packets[f], 0, packets[f].length, plc, at);
                fecDecoder.decode(packets[f], 0, packets[f].length, fec, at);
                continue;
            }
            plcDecoder.conceal(plc, at);
            if (f + 1 < packets.length && !lost[f + 1]) {
                assertThat(fecDecoder.decodeFec(packets[f + 1], 0, packets[f + 1].length, fec, at)).isTrue();
            } else {
                fecDecoder.conceal(fec, at);
            }
        }
        double snrSilence = OpusTestCodec.snrDb(clean, silence, 0, clean.length);
        double snrPlc = OpusTestCodec.snrDb(clean, plc, 0, clean.length);
        double snrFec = OpusTestCodec.snrDb(clean, fec, 0, clean.length);
        double levelSilence = levelErrorDb(clean, silence, lost);
        double levelPlc = levelErrorDb(clean, plc, lost);
        double levelFec = levelErrorDb(clean, fec, lost);
        System.out.printf("Opus 24 kb/s WB, %d of %d frames lost: SNR vs lossless decode: silence %.1f dB, PLC %.1f dB,"
                        + " FEC+PLC %.1f dB (FEC %d, PLC %d); level error on lost frames: silence %.1f dB, PLC %.1f dB,"
                        + " FEC+PLC %.1f dB%n",
                count(lost), lost.length, snrSilence, snrPlc, snrFec, fecDecoder.fecFrames(), fecDecoder.plcFrames(),
                levelSilence, levelPlc, levelFec);
        assertThat(fecDecoder.fecFrames()).isPositive();
        // PLC keeps the voice's level and spectrum rather than its waveform: little gain in SNR,
        // a large one in level; FEC rebuilds the waveform itself.
        assertThat(snrPlc).isGreaterThan(snrSilence);
        assertThat(levelPlc).isLessThan(6).isLessThan(levelSilence / 4);
        assertThat(snrFec).isGreaterThan(snrSilence + 6).isGreaterThan(snrPlc + 3);
        assertThat(levelFec).isLessThan(levelPlc);
    }

    /** Mean absolute difference of RMS level (dBFS) between the two, over the lost frames. */
    private static double levelErrorDb(short[] clean, short[] test, boolean[] lost) {
        double sum = 0;
        int n = 0;
        for (int f = 0; f < lost.length; f++) {
            if (lost[f]) {
                sum += Math.abs(TestSignals.rmsDbfs(clean, f * FRAME, FRAME) - TestSignals.rmsDbfs(test, f * FRAME, FRAME));
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void badPacketsAreConcealedAndCountedNeverThrown() {
        short[] tones = TestSignals.tones(10 * FRAME);
        byte[][] packets = OpusTestCodec.encode(tones, FRAME, 32_000);
        byte[][] tenMs = OpusTestCodec.encode(TestSignals.tones(20 * 480), 480, 32_000);
        OpusFrameDecoder decoder = new OpusFrameDecoder();
        short[] out = new short[FRAME + 10];
        for (int f = 0; f < 5; f++) {
            decoder.decode(packets[f], 0, packets[f].length, out, 10);
        }
        short[] before = out.clone();
        Arrays.fill(out, (short) 1);
        assertThat(decoder.decode(tenMs[5], 0, tenMs[5].length, out, 10)).as("another frame size").isFalse();
        assertThat(decoder.decode(new byte[0], 0, 0, out, 10)).isFalse();
        assertThat(decoder.decode(null, 0, 0, out, 10)).isFalse();
        assertThat(decoder.decode(packets[5], 3, packets[5].length, out, 10)).as("out of bounds").isFalse();
        assertThat(decoder.decodeFec(tenMs[5], 0, tenMs[5].length, out, 10)).isFalse();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            for (int k = 0; k < garbage.length; k++) {
                garbage[k] = (byte) random.nextInt();
            }
            decoder.decode(garbage, 0, garbage.length, out, 10);
            decoder.decodeFec(garbage, 0, garbage.length, out, 10);
        }
        assertThat(decoder.decodeErrors()).isGreaterThanOrEqualTo(4);
        assertThat(out[0]).as("nothing written outside the frame").isEqualTo((short) 1);
        // Still decodes good packets afterwards.
        decoder.reset();
        assertThat(decoder.decode(packets[6], 0, packets[6].length, out, 10)).isTrue();
        assertThat(before.length).isEqualTo(out.length);
        assertThatThrownBy(() -> decoder.decode(packets[6], 0, packets[6].length, out, 11))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void samplesInReadsTheTableOfContents() {
        byte[][] packets = OpusTestCodec.encode(TestSignals.tones(3 * FRAME), FRAME, 24_000);
        assertThat(OpusFrameDecoder.samplesIn(packets[1], 0, packets[1].length)).isEqualTo(FRAME);
        assertThat(OpusFrameDecoder.samplesIn(new byte[0], 0, 0)).isZero();
        assertThat(OpusFrameDecoder.samplesIn(null, 0, 1)).isZero();
    }

    /** The delay (0 to 1000 samples) at which {@code out} best matches {@code in}. */
    static int bestLag(short[] in, short[] out, int offset, int length) {
        int best = 0;
        double bestCorrelation = -2;
        for (int lag = 0; lag <= 1000; lag++) {
            double c = TestSignals.correlation(in, offset, out, offset + lag, length);
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = lag;
            }
        }
        return best;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean b : flags) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
