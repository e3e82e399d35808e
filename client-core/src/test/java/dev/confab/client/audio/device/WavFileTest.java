package dev.confab.client.audio.device;

import static dev.confab.client.audio.device.WavBytes.wave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

    @TempDir
    Path dir;

    @Test
    void sixteenBitStereoRoundTripsExactly() throws Exception {
        short[] samples = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 1234, -4321, 7};
        byte[] file = WavFile.encode16(samples, 2, 44_100);
        assertThat(file).hasSize(44 + 16);

        WavFile.Contents contents = WavFile.decode(file);
        assertThat(contents.format()).isEqualTo(new WavFile.Format(44_100, 2, 16, false, false));
        assertThat(contents.format()).hasToString("44100 Hz, stereo, 16-bit PCM");
        assertThat(contents.audio().frames()).isEqualTo(4);
        assertThat(contents.audio().to16Bit()).containsExactly(samples);
    }

    @Test
    void readsTheFixturesAsSoxWroteThem() throws Exception {
        WavFile.Contents fox = WavFile.decode(fixture("speech-48k-mono.wav"));
        assertThat(fox.format()).hasToString("48000 Hz, mono, 16-bit PCM");
        assertThat(fox.audio().seconds()).isCloseTo(3.09, within(0.01));
        WavFile.Contents hello = WavFile.decode(fixture("speech-16k-mono.wav"));
        assertThat(hello.format().sampleRate()).isEqualTo(16_000);
        assertThat(hello.audio().seconds()).isCloseTo(3.98, within(0.01));
    }

    @Test
    void eightBitIsUnsignedAroundAHalf() throws Exception {
        byte[] file = wave().fmt(1, 1, 8000, 8).data(new byte[] {(byte) 128, (byte) 255, 0, 64}).build();
        assertThat(WavFile.decode(file).audio().samples()).containsExactly(0f, 127 / 128f, -1f, -0.5f);
    }

    @Test
    void twentyFourAndThirtyTwoBitKeepTheirSign() throws Exception {
        byte[] file24 = wave().fmt(1, 1, 48_000, 24).data(WavBytes.pcm24(0x400000, -0x400000, 0x7fffff, -0x800000)).build();
        assertThat(WavFile.decode(file24).audio().samples())
                .containsExactly(0.5f, -0.5f, 0x7fffff / 8388608f, -1f);
        byte[] file32 = wave().fmt(1, 2, 48_000, 32).data(WavBytes.pcm32(0x40000000, Integer.MIN_VALUE)).build();
        assertThat(WavFile.decode(file32).audio().samples()).containsExactly(0.5f, -1f);
    }

    @Test
    void floatSamplesAreClampedAndNanIsSilence() throws Exception {
        byte[] file = wave().fmt(3, 1, 48_000, 32).data(WavBytes.float32(0.25f, -2f, Float.NaN, 1.5f)).build();
        assertThat(WavFile.decode(file).audio().samples()).containsExactly(0.25f, -1f, 0f, 1f);
        byte[] doubles = wave().fmt(3, 1, 48_000, 64).data(WavBytes.float64(-0.125)).build();
        assertThat(WavFile.decode(doubles).format()).hasToString("48000 Hz, mono, 64-bit float");
        assertThat(WavFile.decode(doubles).audio().samples()).containsExactly(-0.125f);
    }

    @Test
    void extensibleFormatsAreReadByTheirSubFormat() throws Exception {
        byte[] pcm = wave().extensible(1, 2, 96_000, 24).data(WavBytes.pcm24(0x400000, -0x400000)).build();
        assertThat(WavFile.decode(pcm).format()).isEqualTo(new WavFile.Format(96_000, 2, 24, false, false));
        byte[] floats = wave().extensible(3, 1, 44_100, 32).data(WavBytes.float32(0.5f)).build();
        assertThat(WavFile.decode(floats).audio().samples()).containsExactly(0.5f);
    }

    @Test
    void unknownChunksAndTheirPadBytesAreSkipped() throws Exception {
        byte[] file = wave().chunk("LIST", new byte[] {1, 2, 3}).fmt(1, 1, 16_000, 16).chunk("fact", new byte[4])
                .data(WavBytes.pcm16((short) 100, (short) -100)).chunk("id3 ", new byte[7]).build();
        assertThat(WavFile.decode(file).audio().to16Bit()).containsExactly((short) 100, (short) -100);
    }

    @Test
    void aDataChunkLongerThanTheFileIsTakenAsCutShort() throws Exception {
        // What a streaming writer leaves: a size it never fixed, and half a frame at the end.
        byte[] file = wave().fmt(1, 2, 48_000, 16).chunk("data", 0xFFFF_FFFFL, WavBytes.pcm16((short) 1, (short) 2, (short) 3))
                .build();
        WavFile.Contents contents = WavFile.decode(file);
        assertThat(contents.format().cutShort()).isTrue();
        assertThat(contents.format()).hasToString("48000 Hz, stereo, 16-bit PCM (cut short)");
        assertThat(contents.audio().to16Bit()).containsExactly((short) 1, (short) 2);
    }

    @Test
    void whatIsNotAReadableWavFileIsAClearError() {
        assertRefused(new byte[5], "not a WAV file: 5 bytes is shorter than a RIFF header");
        assertRefused("ID3\u0004 mp3 mp3 mp3 mp3".getBytes(), "not a WAV file: it does not start with RIFF");
        assertRefused(wave().riff("RF64").build(), "RF64 (64-bit) WAV files are not supported");
        assertRefused(wave().type("AVI ").build(), "a RIFF file, but of type 'AVI ', not WAVE");
        assertRefused(wave().data(new byte[4]).build(), "the data chunk comes before the fmt chunk");
        assertRefused(wave().fmt(1, 1, 8000, 16).build(), "no data chunk: the file holds no audio");
        assertRefused(wave().chunk("LIST", new byte[8]).build(), "no fmt chunk: not a WAV file this reads");
        assertRefused(wave().fmt(0x55, 2, 44_100, 0, 1).data(new byte[4]).build(),
                "compressed WAV (format code 0x55) is not supported: only PCM and float");
        assertRefused(wave().fmt(1, 1, 8000, 12, 2).data(new byte[4]).build(), "12-bit PCM is not supported (8, 16, 24 and 32 are)");
        assertRefused(wave().fmt(3, 1, 8000, 16).data(new byte[4]).build(), "16-bit float is not supported (32 and 64 are)");
        assertRefused(wave().fmt(1, 0, 8000, 16, 2).data(new byte[4]).build(), "0 channels: only 1 to 8 are supported");
        assertRefused(wave().fmt(1, 1, 200, 16).data(new byte[4]).build(),
                "a sample rate of 200 Hz: only 1 kHz to 384 kHz is supported");
        assertRefused(wave().fmt(1, 2, 8000, 16, 2).data(new byte[4]).build(), "block align 2 does not match 2 channels of 16 bits");
        assertRefused(wave().fmt(1, 1, 8000, 16).fmt(1, 1, 8000, 16).data(new byte[4]).build(), "two fmt chunks");
        assertRefused(wave().chunk("fmt ", 16, new byte[6]).build(), "the fmt chunk is cut short");
        assertRefused(wave().chunk("fmt ", new byte[14]).data(new byte[2]).build(), "the fmt chunk has 14 bytes, fewer than 16");
    }

    private static void assertRefused(byte[] file, String message) {
        assertThatThrownBy(() -> WavFile.decode(file)).isInstanceOf(WavFormatException.class).hasMessage(message);
    }

    @Test
    void readingAFileNamesItInTheError() throws Exception {
        Path bad = dir.resolve("notes.txt");
        Files.writeString(bad, "these are not samples");
        assertThatThrownBy(() -> WavFile.read(bad)).isInstanceOf(WavFormatException.class)
                .hasMessage(bad + ": not a WAV file: it does not start with RIFF");
    }

    @Test
    void theStreamingWriterKeepsAReadableHeaderAsItGoes() throws Exception {
        Path path = dir.resolve("out.wav");
        short[] second = AudioAnalysis.sine16(440, 0.5, 8000, 8000);
        try (WavFile.Writer writer = WavFile.openWriter(path, 1, 8000)) {
            assertThat(WavFile.read(path).audio().frames()).isZero();
            writer.write(second, 0, 4000);
            writer.write(second, 4000, 4000); // one second: the header is rewritten
            writer.write(second, 0, 100);
            WavFile.Contents partial = WavFile.read(path);
            assertThat(partial.audio().frames()).isEqualTo(8000); // the header says one second so far
            assertThat(partial.format().cutShort()).isFalse();
            assertThat(writer.frames()).isEqualTo(8100);
            assertThatThrownBy(() -> writer.write(second, 7000, 2000)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        WavFile.Contents done = WavFile.read(path);
        assertThat(done.audio().frames()).isEqualTo(8100);
        assertThat(Files.size(path)).isEqualTo(44 + 2 * 8100);
        short[] back = done.audio().to16Bit();
        assertThat(java.util.Arrays.copyOf(back, 8000)).containsExactly(second);

        try (WavFile.Writer stereo = WavFile.openWriter(dir.resolve("stereo.wav"), 2, 48_000)) {
            assertThatThrownBy(() -> stereo.write(second, 0, 3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("3 samples are not whole frames of 2 channels");
        }
    }

    @Test
    void writingAWholeFileMatchesTheEncoder() throws Exception {
        Path path = dir.resolve("whole.wav");
        short[] samples = {5, -5, 10, -10};
        WavFile.write16(path, samples, 2, 48_000);
        assertThat(Files.readAllBytes(path)).containsExactly(WavFile.encode16(samples, 2, 48_000));
        assertThatThrownBy(() -> WavFile.encode16(new short[3], 2, 48_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stereoBecomesMonoByAveraging() {
        PcmAudio stereo = new PcmAudio(48_000, 2, new float[] {0.5f, 0.5f, 1f, 0f, -1f, 1f});
        assertThat(stereo.mono().samples()).containsExactly(0.5f, 0.5f, 0f);
        assertThat(PcmAudio.of16Bit(new short[] {16384}, 1, 8000).samples()).containsExactly(0.5f);
    }

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = WavFileTest.class.getResourceAsStream("/audio/" + name)) {
            assertThat(in).as("test resource /audio/" + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
