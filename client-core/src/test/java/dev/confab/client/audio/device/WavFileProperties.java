package dev.confab.client.audio.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.constraints.Size;

/** The reader never throws anything but its own format exception, whatever it is given. */
class WavFileProperties {

    @Property(tries = 2000)
    void randomBytesAreReadOrRefusedClearly(@ForAll @Size(max = 300) byte[] bytes) {
        decodeOrRefuse(bytes);
    }

    @Property(tries = 2000)
    void randomChunksBehindAValidRiffHeaderAreReadOrRefusedClearly(@ForAll @Size(max = 200) byte[] body) {
        byte[] file = new byte[12 + body.length];
        System.arraycopy("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1), 0, file, 0, 12);
        System.arraycopy(body, 0, file, 12, body.length);
        decodeOrRefuse(file);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void aMangledValidFileIsReadOrRefusedClearly(@ForAll("validFiles") byte[] file,
            @ForAll @IntRange(min = 0, max = 1000) int at, @ForAll byte value, @ForAll @IntRange(min = 0, max = 8) int flips,
            @ForAll @IntRange(min = 0, max = 120) int cut) {
        byte[] mangled = java.util.Arrays.copyOf(file, Math.max(0, file.length - cut));
        for (int i = 0; i < flips && mangled.length > 0; i++) {
            int p = (at + 37 * i) % mangled.length;
            mangled[p] = (byte) (mangled[p] ^ (value + i));
        }
        Statistics.label("outcome").collect(decodeOrRefuse(mangled));
        // Not vacuous: plenty of mangled files are still read (a flipped sample, a shorter data chunk).
        Statistics.label("outcome").coverage(coverage -> coverage.check("read").percentage(p -> p > 5));
    }

    @Property(tries = 300)
    void sixteenBitFilesRoundTrip(@ForAll @Size(max = 400) short[] samples, @ForAll @IntRange(min = 1, max = 8) int channels,
            @ForAll @IntRange(min = 1000, max = 384_000) int rate) throws Exception {
        short[] whole = java.util.Arrays.copyOf(samples, samples.length - samples.length % channels);
        WavFile.Contents back = WavFile.decode(WavFile.encode16(whole, channels, rate));
        assertThat(back.format()).isEqualTo(new WavFile.Format(rate, channels, 16, false, false));
        assertThat(back.audio().to16Bit()).containsExactly(whole);
    }

    @Provide
    Arbitrary<byte[]> validFiles() {
        Arbitrary<byte[]> sixteen = Arbitraries.shorts().array(short[].class).ofMaxSize(64)
                .map(s -> WavFile.encode16(java.util.Arrays.copyOf(s, s.length & ~1), 2, 44_100));
        Arbitrary<byte[]> extensible = Arbitraries.integers().between(-0x800000, 0x7fffff).array(int[].class).ofMaxSize(20)
                .map(s -> WavBytes.wave().chunk("LIST", new byte[3]).extensible(1, 1, 96_000, 24).data(WavBytes.pcm24(s)).build());
        Arbitrary<byte[]> floats = Arbitraries.floats().array(float[].class).ofMaxSize(20)
                .map(s -> WavBytes.wave().fmt(3, 1, 8000, 32).data(WavBytes.float32(s)).build());
        return Arbitraries.oneOf(sixteen, extensible, floats);
    }

    private static String decodeOrRefuse(byte[] bytes) {
        try {
            WavFile.Contents contents = WavFile.decode(bytes);
            PcmAudio audio = contents.audio();
            assertThat(audio.samples().length % audio.channels()).isZero();
            for (float s : audio.samples()) {
                assertThat(s).isBetween(-1f, 1f);
            }
            return "read";
        } catch (WavFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return "refused";
        }
    }
}
