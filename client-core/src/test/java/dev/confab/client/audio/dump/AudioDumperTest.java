package dev.confab.client.audio.dump;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.capture.FrameTap;
import dev.confab.client.audio.codec.OpusFrameEncoder;
import dev.confab.client.audio.device.WavFile;
import dev.confab.client.audio.dsp.TestSignals;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dumper, fed as the capture pipeline feeds it (raw tap, processed tap, then the packet if one
 * was sent, per frame), writes three aligned files: the raw frames exactly, the processed frames
 * exactly, and the packets decoded again, with silence for the frames that were not sent.
 */
class AudioDumperTest {

    private static final int FRAME = 960;
    private static final int FRAMES = 100;

    @Test
    void writesThreeAlignedFilesWithSilenceWhereNothingWasSent(@TempDir Path dir) throws Exception {
        short[] raw = TestSignals.speech(FRAME * FRAMES, 3);
        short[] processed = TestSignals.scaled(raw, 0.5);
        OpusFrameEncoder encoder = new OpusFrameEncoder(32_000);
        byte[] packet = new byte[OpusFrameEncoder.MAX_PACKET_BYTES];
        Path out = dir.resolve("dump"); // made by the dumper
        try (AudioDumper dumper = AudioDumper.start(out, FRAME)) {
            FrameTap rawTap = dumper.rawTap();
            FrameTap processedTap = dumper.processedTap();
            for (int f = 0; f < FRAMES; f++) {
                int timestamp = f * FRAME;
                rawTap.frame(raw, f * FRAME, FRAME, timestamp);
                processedTap.frame(processed, f * FRAME, FRAME, timestamp);
                if (f < 50 || f >= 60) { // frames 50 to 59 were not transmitted
                    int length = encoder.encode(processed, f * FRAME, packet, 0, packet.length);
                    dumper.encoded(packet, length, timestamp);
                }
            }
        } // the last frame was sent; close must still write it
        short[] rawFile = mono(out.resolve(AudioDumper.RAW_MIC));
        short[] dspFile = mono(out.resolve(AudioDumper.POST_DSP));
        short[] decoded = mono(out.resolve(AudioDumper.POST_OPUS_DECODE));

        assertThat(rawFile).isEqualTo(raw);
        assertThat(dspFile).isEqualTo(processed);
        assertThat(decoded).hasSameSizeAs(raw);
        assertThat(Arrays.copyOfRange(decoded, 50 * FRAME, 60 * FRAME)).containsOnly((short) 0);
        // Opus's own delay is a few ms: the decoded speech follows the input closely after it.
        int lag = 312; // 6.5 ms, Concentus' algorithmic delay at 48 kHz
        double correlation = TestSignals.correlation(processed, 10 * FRAME, decoded, 10 * FRAME + lag, 30 * FRAME);
        assertThat(correlation).as("decoded against processed").isGreaterThan(0.7);
    }

    @Test
    void aFrameNotSentAtTheEndIsSilenceToo(@TempDir Path dir) throws Exception {
        short[] frame = TestSignals.sine(440, 3000, FRAME);
        try (AudioDumper dumper = AudioDumper.start(dir, FRAME)) {
            dumper.rawTap().frame(frame, 0, FRAME, 0);
            dumper.processedTap().frame(frame, 0, FRAME, 0);
        }
        assertThat(mono(dir.resolve(AudioDumper.POST_OPUS_DECODE))).hasSize(FRAME).containsOnly((short) 0);
        assertThat(mono(dir.resolve(AudioDumper.RAW_MIC))).hasSize(FRAME);
    }

    private static short[] mono(Path wav) throws Exception {
        float[] samples = WavFile.read(wav).audio().samples();
        short[] out = new short[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(samples[i] * 32768f);
        }
        return out;
    }
}
