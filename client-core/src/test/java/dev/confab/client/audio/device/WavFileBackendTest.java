package dev.confab.client.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileBackendTest {

    private static final int RATE = 48_000;

    @TempDir
    Path dir;

    @Test
    void captureResamplesA16kHzFileTo48kHzMonoInWholeFrames() throws Exception {
        Path file = copyFixture("speech-16k-mono.wav");
        short[] original = WavFile.read(file).audio().to16Bit();
        WavFileBackend backend = new WavFileBackend(Double.POSITIVE_INFINITY, WavFileBackend.AtEnd.STOP);
        Recorder recorder = new Recorder(RATE * 5, 960);
        try (CaptureStream capture = backend.openCapture(file.toString(), StreamOptions.DEFAULT, recorder)) {
            assertThat(capture.device()).isEqualTo(file.toString());
            capture.start();
            assertThat(capture.awaitEnd(Duration.ofSeconds(5))).isTrue();
            assertThat(capture.state()).isEqualTo(StreamState.FINISHED);
            assertThat(capture.failure()).isNull();
        }
        int expected = Resampler.outputLength(original.length, 16_000, RATE);
        int frames = (expected + 959) / 960;
        assertThat(recorder.calls()).isEqualTo(frames);
        assertThat(recorder.wrongSizes()).isZero();
        assertThat(recorder.length()).isEqualTo(frames * 960);

        float[] heard = recorder.floats();
        float[] source = AudioAnalysis.toFloat(original);
        // Same speech, same level, three times the samples.
        assertThat(AudioAnalysis.rmsDbfs(heard, 0, expected)).isCloseTo(AudioAnalysis.rmsDbfs(source, 0, source.length), within(0.1));
        float[] down = Resampler.resample(Arrays.copyOf(heard, expected), RATE, 16_000);
        double error = 0;
        double signal = 0;
        for (int i = 0; i < source.length; i++) {
            error += Math.pow(down[i] - source[i], 2);
            signal += Math.pow(source[i], 2);
        }
        assertThat(10 * Math.log10(error / signal)).as("round trip through 48 kHz, in dB").isLessThan(-30);
        for (int i = expected; i < heard.length; i++) {
            assertThat(heard[i]).isZero(); // the last frame is padded with silence
        }
    }

    @Test
    void captureAt48kHzIsTheFileItself() throws Exception {
        Path file = copyFixture("speech-48k-mono.wav");
        short[] original = WavFile.read(file).audio().to16Bit();
        Recorder recorder = new Recorder(RATE * 4, 480);
        WavFileBackend backend = new WavFileBackend(Double.POSITIVE_INFINITY, WavFileBackend.AtEnd.STOP);
        try (CaptureStream capture = backend.openCapture(file.toString(), StreamOptions.LOW_LATENCY, recorder)) {
            capture.start();
            assertThat(capture.awaitEnd(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(Arrays.copyOf(recorder.samples(), original.length)).containsExactly(original);
    }

    @Test
    void realTimeCaptureIsPacedByTheClock() throws Exception {
        short[] second = AudioAnalysis.sine16(440, 0.5, RATE, RATE / 4);
        Recorder recorder = new Recorder(RATE, 960);
        long start = System.nanoTime();
        try (CaptureStream capture = new WavFileBackend().openSamples("tone", second, StreamOptions.DEFAULT, recorder)) {
            capture.start();
            assertThat(capture.awaitEnd(Duration.ofSeconds(3))).isTrue();
        }
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        assertThat(recorder.calls()).isEqualTo(13); // 250 ms is 12.5 frames
        assertThat(elapsedMs).isBetween(220.0, 500.0); // the 13th frame is due at 240 ms

        Recorder fast = new Recorder(RATE, 960);
        start = System.nanoTime();
        try (CaptureStream capture = new WavFileBackend(4, WavFileBackend.AtEnd.STOP).openSamples("tone", second,
                StreamOptions.DEFAULT, fast)) {
            capture.start();
            assertThat(capture.awaitEnd(Duration.ofSeconds(3))).isTrue();
        }
        assertThat((System.nanoTime() - start) / 1e6).isBetween(55.0, 400.0); // the 13th frame is due at 60 ms
    }

    @Test
    void atTheEndAFileCanLoopOrGoSilent() throws Exception {
        short[] ramp = new short[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) (i + 1);
        }
        Recorder looped = new Recorder(2400, 480);
        try (CaptureStream capture = new WavFileBackend(Double.POSITIVE_INFINITY, WavFileBackend.AtEnd.LOOP)
                .openSamples("ramp", ramp, StreamOptions.LOW_LATENCY, looped)) {
            capture.start();
            awaitLength(looped, 2400);
        }
        short[] got = looped.samples();
        assertThat(got[999]).isEqualTo((short) 1000);
        assertThat(got[1000]).isEqualTo((short) 1);
        assertThat(got[2399]).isEqualTo((short) 400);

        Recorder silent = new Recorder(2400, 480);
        try (CaptureStream capture = new WavFileBackend(Double.POSITIVE_INFINITY, WavFileBackend.AtEnd.SILENCE)
                .openSamples("ramp", ramp, StreamOptions.LOW_LATENCY, silent)) {
            capture.start();
            awaitLength(silent, 2400);
            assertThat(capture.state()).isEqualTo(StreamState.RUNNING);
        }
        assertThat(silent.samples()[999]).isEqualTo((short) 1000);
        assertThat(Arrays.copyOfRange(silent.samples(), 1000, 2400)).containsOnly((short) 0);
    }

    @Test
    void playbackWritesA48kHzStereoFile() throws Exception {
        Path out = dir.resolve("heard.wav");
        WavFileBackend backend = new WavFileBackend(Double.POSITIVE_INFINITY, WavFileBackend.AtEnd.STOP);
        int[] next = {0};
        PlaybackStream playback = backend.openPlayback(out.toString(), StreamOptions.DEFAULT, (stereo, frames) -> {
            for (int i = 0; i < frames; i++, next[0]++) {
                stereo[2 * i] = (short) next[0];
                stereo[2 * i + 1] = (short) -next[0];
            }
        });
        playback.start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (playback.frames() < RATE && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        playback.close();
        assertThat(playback.state()).isEqualTo(StreamState.CLOSED);

        WavFile.Contents written = WavFile.read(out);
        assertThat(written.format()).hasToString("48000 Hz, stereo, 16-bit PCM");
        assertThat(written.audio().frames()).isGreaterThanOrEqualTo(RATE).isEqualTo((int) playback.frames());
        short[] samples = written.audio().to16Bit();
        for (int i = 0; i < 1000; i++) {
            assertThat(samples[2 * i]).isEqualTo((short) i);
            assertThat(samples[2 * i + 1]).isEqualTo((short) -i);
        }
    }

    @Test
    void aMissingOrBadFileIsAClearError() throws Exception {
        WavFileBackend backend = new WavFileBackend();
        Path missing = dir.resolve("nope.wav");
        assertThatThrownBy(() -> backend.openCapture(missing.toString(), StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessage("no WAV file '" + missing + "' to capture from: it does not exist");
        Path text = Files.writeString(dir.resolve("text.wav"), "hello");
        assertThatThrownBy(() -> backend.openCapture(text.toString(), StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessage("cannot capture from the WAV file '" + text + "': " + text
                        + ": not a WAV file: 5 bytes is shorter than a RIFF header");
        assertThatThrownBy(() -> backend.openCapture(null, StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(AudioDeviceException.class).hasMessageContaining("give a WAV file's path as the device");
        Path nowhere = dir.resolve("no/such/folder/out.wav");
        assertThatThrownBy(() -> backend.openPlayback(nowhere.toString(), StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(AudioDeviceException.class).hasMessageContaining("there is no folder");
        assertThat(backend.captureDevices()).isEmpty();
    }

    private Path copyFixture(String name) throws Exception {
        Path path = dir.resolve(name);
        Files.write(path, WavFileTest.fixture(name));
        return path;
    }

    private static void awaitLength(Recorder recorder, int samples) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (recorder.length() < samples && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(recorder.length()).isEqualTo(samples);
    }
}
