package dev.confab.bench;

import dev.confab.client.audio.device.PcmAudio;
import dev.confab.client.audio.device.WavFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Speech for the CPU benchmarks: {@code audio/speech-48k-mono.wav} in this jar's resources, a
 * copy of client-core's test fixture (eSpeak NG, "The quick brown fox jumps over the lazy dog.",
 * 3.09 s, 48 kHz mono, RMS -22 dBFS; how it was made is in client-core's
 * {@code src/test/resources/audio/README.md}). Copied rather than read from the test jar, which
 * a benchmark run does not have.
 */
final class SpeechFixture {
    static final String RESOURCE = "/audio/speech-48k-mono.wav";

    private SpeechFixture() {
    }

    /** The fixture as 16-bit samples, trimmed to whole frames of {@code frameSamples}. */
    static short[] samples(int frameSamples) {
        byte[] bytes;
        try (InputStream in = SpeechFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the benchmark jar");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PcmAudio audio;
        try {
            audio = WavFile.decode(bytes).audio().mono();
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " is not a WAV file this build can read", e);
        }
        if (audio.sampleRate() != 48_000) {
            throw new IllegalStateException(RESOURCE + " is " + audio.sampleRate() + " Hz, not 48 kHz");
        }
        float[] scaled = audio.samples();
        short[] samples = new short[scaled.length / frameSamples * frameSamples];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(scaled[i] * 32767f)));
        }
        return samples;
    }
}
