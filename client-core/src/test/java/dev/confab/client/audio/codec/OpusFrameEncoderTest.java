package dev.confab.client.audio.codec;

import static dev.confab.client.audio.codec.OpusFrameEncoder.FRAME_10_MS;
import static dev.confab.client.audio.codec.OpusFrameEncoder.FRAME_20_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.client.audio.dsp.LevelMeter;
import dev.confab.client.audio.dsp.TestSignals;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OpusFrameEncoderTest {

    private static final int RATE = TestSignals.RATE;

    @ParameterizedTest
    @ValueSource(ints = {24_000, 32_000, 64_000})
    void packetsAverageCloseToTheBitrate(int bitrate) {
        OpusFrameEncoder encoder = new OpusFrameEncoder(bitrate);
        List<byte[]> packets = encode(encoder, TestSignals.speech(6 * RATE, 1));
        double average = packets.stream().mapToInt(p -> p.length).average().orElseThrow();
        double nominal = bitrate * 0.020 / 8;
        System.out.printf("opus %d b/s, 20 ms: %.1f bytes per packet on average (nominal %.0f), cap %s, dtx %s%n",
                bitrate, average, nominal, encoder.bandwidthCap(), encoder.dtx());
        assertThat(average).isBetween(0.85 * nominal, 1.15 * nominal);
        assertThat(packets).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(OpusFrameEncoder.MAX_PACKET_BYTES));
    }

    @ParameterizedTest
    @ValueSource(ints = {24_000, 32_000, 64_000})
    void decodedTonesMatchTheInputAfterTheCodecDelay(int bitrate) throws OpusException {
        OpusFrameEncoder encoder = new OpusFrameEncoder(bitrate);
        short[] input = TestSignals.tones(2 * RATE);
        short[] output = decode(encode(encoder, input), FRAME_20_MS);

        int delay = encoder.lookahead();
        assertThat(delay).isEqualTo(312);
        int bestLag = -1;
        double best = -1;
        int skip = RATE / 10; // the codec's start-up
        for (int lag = delay - 24; lag <= delay + 24; lag++) {
            double c = TestSignals.correlation(input, skip, output, skip + lag, input.length - skip - 2 * delay);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        System.out.printf("opus %d b/s: tones come back with correlation %.4f at a delay of %d samples%n",
                bitrate, best, bestLag);
        assertThat(best).isGreaterThan(0.95);
        assertThat(TestSignals.rmsDbfs(output, skip, output.length - skip))
                .isCloseTo(TestSignals.rmsDbfs(input, skip, input.length - skip), org.assertj.core.api.Assertions.within(1.0));
    }

    /**
     * At the 24 kb/s voice rate, with the wideband cap this class applies, packet n+1 carries a
     * redundant copy of frame n: decoding it with {@code decodeFec} rebuilds frame n even on a
     * decoder that never saw anything (where PLC has nothing to extend but silence), and on a
     * decoder that has the history, it comes closer to the real frame than PLC does.
     */
    @ParameterizedTest
    @ValueSource(ints = {FRAME_20_MS, FRAME_10_MS})
    void packetsAt24kCarryFecForThePreviousFrame(int frameSamples) throws OpusException {
        OpusFrameEncoder encoder = new OpusFrameEncoder(frameSamples, 24_000, OpusFrameEncoder.DEFAULT_COMPLEXITY,
                OpusFrameEncoder.DEFAULT_EXPECTED_LOSS_PERCENT);
        assertThat(encoder.bandwidthCap()).isEqualTo(OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND);
        Fec fec = measureFec(encode(encoder, TestSignals.speech(4 * RATE, 4)), frameSamples);
        System.out.printf("FEC at 24 kb/s, %d-sample frames: %s%n", frameSamples, fec);
        assertThat(fec.fromNothing()).isGreaterThan(fec.tried() / 2);
        assertThat(fec.differsFromPlc()).isGreaterThan(fec.tried() / 2);
        assertThat(fec.fecCorrelation()).isGreaterThan(fec.plcCorrelation());
        if (frameSamples == FRAME_20_MS) {
            assertThat(fec.fecCorrelation()).isGreaterThan(fec.plcCorrelation() + 0.1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {20_000, 32_000, 96_000})
    void otherVoiceAndMusicRatesCarryFecToo(int bitrate) throws OpusException {
        Fec fec = measureFec(encode(new OpusFrameEncoder(bitrate), TestSignals.speech(3 * RATE, 5)), FRAME_20_MS);
        System.out.printf("FEC at %d b/s: %s%n", bitrate, fec);
        assertThat(fec.differsFromPlc()).isGreaterThan(fec.tried() / 2);
    }

    /** Why the wideband cap: the same 24 kb/s without it codes no FEC at all. */
    @Test
    void fullBandAt24kWouldCarryNoFec() throws OpusException {
        OpusEncoder plain = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        plain.setBitrate(24_000);
        plain.setUseInbandFEC(true);
        plain.setUseDTX(true);
        plain.setPacketLossPercent(OpusFrameEncoder.DEFAULT_EXPECTED_LOSS_PERCENT);
        plain.setComplexity(OpusFrameEncoder.DEFAULT_COMPLEXITY);
        short[] speech = TestSignals.speech(4 * RATE, 4);
        List<byte[]> packets = new ArrayList<>();
        byte[] buffer = new byte[OpusFrameEncoder.MAX_PACKET_BYTES];
        for (int at = 0; at + FRAME_20_MS <= speech.length; at += FRAME_20_MS) {
            packets.add(Arrays.copyOf(buffer, plain.encode(speech, at, FRAME_20_MS, buffer, 0, buffer.length)));
        }
        Fec fec = measureFec(packets, FRAME_20_MS);
        System.out.printf("FEC at 24 kb/s full band (not used): %s%n", fec);
        assertThat(fec.differsFromPlc()).isZero();
    }

    @Test
    void silenceBecomesDtxAtVoiceRatesButNotAtMusicRates() {
        short[] silence = new short[2 * RATE];
        List<byte[]> voice = encode(new OpusFrameEncoder(24_000), silence);
        long dtx = voice.stream().filter(p -> OpusFrameEncoder.isDiscontinuous(p.length)).count();
        assertThat(dtx).isGreaterThan(voice.size() * 3 / 4);

        // A held chord: DTX would take it for silence.
        short[] chord = new short[2 * RATE];
        for (int i = 0; i < chord.length; i++) {
            chord[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / RATE) + 4000 * Math.sin(2 * Math.PI * 1000 * i / RATE));
        }
        OpusFrameEncoder music = new OpusFrameEncoder(96_000);
        assertThat(music.dtx()).isFalse();
        assertThat(encode(music, chord)).noneMatch(p -> OpusFrameEncoder.isDiscontinuous(p.length));
    }

    @Test
    void theBitrateChangesBetweenFramesWithItsBandwidthAndDtx() {
        OpusFrameEncoder encoder = new OpusFrameEncoder(24_000);
        short[] speech = TestSignals.speech(8 * RATE, 6);
        List<byte[]> low = encode(encoder, Arrays.copyOfRange(speech, 0, 4 * RATE));
        encoder.setBitrate(64_000);
        assertThat(encoder.bitrate()).isEqualTo(64_000);
        assertThat(encoder.bandwidthCap()).isEqualTo(OpusBandwidth.OPUS_BANDWIDTH_FULLBAND);
        assertThat(encoder.dtx()).isFalse();
        List<byte[]> high = encode(encoder, Arrays.copyOfRange(speech, 4 * RATE, 8 * RATE));
        double lowAverage = low.stream().skip(5).mapToInt(p -> p.length).average().orElseThrow();
        double highAverage = high.stream().skip(5).mapToInt(p -> p.length).average().orElseThrow();
        assertThat(lowAverage).isBetween(0.85 * 60, 1.15 * 60);
        assertThat(highAverage).isBetween(0.85 * 160, 1.15 * 160);
    }

    @Test
    void aResetForgetsThePastButKeepsTheSettings() throws OpusException {
        OpusFrameEncoder encoder = new OpusFrameEncoder(64_000);
        encoder.setBitrate(24_000);
        short[] speech = TestSignals.speech(3 * RATE, 7);
        encode(encoder, Arrays.copyOf(speech, RATE));
        encoder.reset();
        List<byte[]> after = encode(encoder, speech);
        assertThat(after.stream().skip(5).mapToInt(p -> p.length).average().orElseThrow()).isBetween(0.85 * 60, 1.15 * 60);
        Fec fec = measureFec(after, FRAME_20_MS);
        assertThat(fec.differsFromPlc()).isGreaterThan(fec.tried() / 2);
        encoder.reset();
        assertThat(encode(encoder, new short[RATE])).anyMatch(p -> OpusFrameEncoder.isDiscontinuous(p.length));
        // The first packet after a reset stands alone: a fresh decoder makes audio of it.
        encoder.reset();
        byte[] first = encode(encoder, Arrays.copyOf(speech, FRAME_20_MS)).get(0);
        short[] fresh = new short[FRAME_20_MS];
        new OpusDecoder(RATE, 1).decode(first, 0, first.length, fresh, 0, FRAME_20_MS, false);
        assertThat(TestSignals.rmsDbfs(fresh, 0, FRAME_20_MS)).isGreaterThan(-50);
    }

    @Test
    void roomSettingsFollowTheRules() {
        assertThat(OpusFrameEncoder.bandwidthFor(24_000)).isEqualTo(OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND);
        assertThat(OpusFrameEncoder.bandwidthFor(31_999)).isEqualTo(OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND);
        assertThat(OpusFrameEncoder.bandwidthFor(32_000)).isEqualTo(OpusBandwidth.OPUS_BANDWIDTH_FULLBAND);
        assertThat(OpusFrameEncoder.dtxFor(48_000)).isTrue();
        assertThat(OpusFrameEncoder.dtxFor(64_000)).isFalse();

        OpusFrameEncoder encoder = new OpusFrameEncoder(1_000);
        assertThat(encoder.bitrate()).isEqualTo(OpusFrameEncoder.MIN_BITRATE);
        encoder.setBitrate(Integer.MAX_VALUE);
        assertThat(encoder.bitrate()).isEqualTo(OpusFrameEncoder.MAX_BITRATE);
        encoder.setExpectedLossPercent(0);
        assertThat(encoder.expectedLossPercent()).isZero();
    }

    @Test
    void warmingUpLeavesNothingBehind() {
        OpusFrameEncoder.warmUp(8);
        OpusFrameEncoder encoder = new OpusFrameEncoder(24_000);
        assertThat(encode(encoder, TestSignals.speech(RATE / 5, 1))).hasSize(10).allSatisfy(p -> assertThat(p.length).isGreaterThan(2));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new OpusFrameEncoder(1000, 24_000, 5, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpusFrameEncoder(960, 24_000, 11, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpusFrameEncoder(960, 24_000, 5, 101)).isInstanceOf(IllegalArgumentException.class);
        OpusFrameEncoder encoder = new OpusFrameEncoder(24_000);
        assertThatThrownBy(() -> encoder.encode(new short[959], 0, new byte[1275], 0, 1275))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> encoder.encode(new short[960], 0, new byte[10], 0, 11))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---- helpers ----

    static List<byte[]> encode(OpusFrameEncoder encoder, short[] pcm) {
        int frame = encoder.frameSamples();
        byte[] buffer = new byte[OpusFrameEncoder.MAX_PACKET_BYTES];
        List<byte[]> packets = new ArrayList<>();
        for (int at = 0; at + frame <= pcm.length; at += frame) {
            int length = encoder.encode(pcm, at, buffer, 0, buffer.length);
            packets.add(Arrays.copyOf(buffer, length));
        }
        return packets;
    }

    private static short[] decode(List<byte[]> packets, int frame) throws OpusException {
        OpusDecoder decoder = new OpusDecoder(RATE, 1);
        short[] out = new short[packets.size() * frame];
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            decoder.decode(p, 0, p.length, out, i * frame, frame, false);
        }
        return out;
    }

    /**
     * @param tried           lost frames simulated (speech-level ones only)
     * @param fromNothing     of them, how many a fresh decoder rebuilt from the next packet's FEC
     *                        as audible audio (above -50 dBFS) where its PLC gives silence
     * @param differsFromPlc  how many a decoder with the history rebuilt differently from its PLC
     * @param fecCorrelation  mean correlation of the FEC rebuild with the real decoded frame
     * @param plcCorrelation  the same for PLC
     */
    record Fec(int tried, int fromNothing, int differsFromPlc, double fecCorrelation, double plcCorrelation) {
        @Override
        public String toString() {
            return String.format("%d of %d lost frames rebuilt from nothing, %d differ from PLC, correlation %.3f (PLC %.3f)",
                    fromNothing, tried, differsFromPlc, fecCorrelation, plcCorrelation);
        }
    }

    /** Loses every 7th frame (in turn) and compares FEC from the next packet with PLC. */
    static Fec measureFec(List<byte[]> packets, int frame) throws OpusException {
        short[] truth = decode(packets, frame);
        int tried = 0;
        int fromNothing = 0;
        int differs = 0;
        double fecSum = 0;
        double plcSum = 0;
        for (int n = 10; n + 1 < packets.size(); n += 7) {
            if (TestSignals.rmsDbfs(truth, n * frame, frame) < -45) {
                continue;
            }
            tried++;
            byte[] next = packets.get(n + 1);
            short[] fec = new short[frame];
            short[] plc = new short[frame];

            OpusDecoder fresh = new OpusDecoder(RATE, 1);
            fresh.decode(next, 0, next.length, fec, 0, frame, true);
            OpusDecoder freshPlc = new OpusDecoder(RATE, 1);
            freshPlc.decode(null, 0, 0, plc, 0, frame, false);
            if (TestSignals.rmsDbfs(fec, 0, frame) > -50 && TestSignals.rmsDbfs(plc, 0, frame) == LevelMeter.SILENCE_DBFS) {
                fromNothing++;
            }

            OpusDecoder withFec = new OpusDecoder(RATE, 1);
            OpusDecoder withPlc = new OpusDecoder(RATE, 1);
            short[] scratch = new short[frame];
            for (int k = Math.max(0, n - 10); k < n; k++) { // the same recent history for both
                byte[] p = packets.get(k);
                withFec.decode(p, 0, p.length, scratch, 0, frame, false);
                withPlc.decode(p, 0, p.length, scratch, 0, frame, false);
            }
            withFec.decode(next, 0, next.length, fec, 0, frame, true);
            withPlc.decode(null, 0, 0, plc, 0, frame, false);
            if (!Arrays.equals(fec, plc)) {
                differs++;
            }
            fecSum += TestSignals.correlation(fec, 0, truth, n * frame, frame);
            plcSum += TestSignals.correlation(plc, 0, truth, n * frame, frame);
        }
        return new Fec(tried, fromNothing, differs, fecSum / tried, plcSum / tried);
    }
}
