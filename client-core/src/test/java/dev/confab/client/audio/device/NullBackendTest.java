package dev.confab.client.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NullBackendTest {

    private final NullBackend backend = new NullBackend();

    @Test
    void captureIsSilenceInRealTime() throws Exception {
        List<Long> times = new CopyOnWriteArrayList<>();
        Recorder recorder = new Recorder(48_000, 960);
        try (CaptureStream capture = backend.openCapture(null, StreamOptions.DEFAULT, (samples, count) -> {
            times.add(System.nanoTime());
            recorder.accept(samples, count);
        })) {
            assertThat(capture.device()).isEqualTo("null");
            capture.start();
            awaitCalls(times, 12);
            assertThat(capture.state()).isEqualTo(StreamState.RUNNING);
        }
        assertThat(meanIntervalMillis(times)).isBetween(18.0, 22.5);
        assertThat(recorder.samples()).containsOnly((short) 0);
    }

    @Test
    void playbackPullsFramesAtTheDevicePace() throws Exception {
        List<Long> times = new CopyOnWriteArrayList<>();
        try (PlaybackStream playback = backend.openPlayback("null", StreamOptions.LOW_LATENCY, (stereo, frames) -> {
            assertThat(stereo.length).isGreaterThanOrEqualTo(2 * frames);
            assertThat(frames).isEqualTo(480);
            times.add(System.nanoTime());
        })) {
            playback.start();
            awaitCalls(times, 20);
            assertThat(playback.underruns()).isZero();
        }
        assertThat(meanIntervalMillis(times)).isBetween(9.0, 11.5); // one every 10 ms
    }

    private static void awaitCalls(List<Long> times, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (times.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(times).hasSizeGreaterThanOrEqualTo(count);
    }

    /** From the first call to the last: the start-up of the thread does not count. */
    private static double meanIntervalMillis(List<Long> times) {
        return (times.get(times.size() - 1) - times.get(0)) / 1e6 / (times.size() - 1);
    }

    @Test
    void aConsumerThatThrowsFailsTheStreamWithTheReason() throws Exception {
        CaptureStream capture = backend.openCapture(null, StreamOptions.DEFAULT, (samples, count) -> {
            throw new IllegalStateException("ring gone");
        });
        capture.start();
        assertThat(capture.awaitEnd(Duration.ofSeconds(2))).isTrue();
        assertThat(capture.state()).isEqualTo(StreamState.FAILED);
        assertThat(capture.failure()).hasMessageContaining("capture on the null device 'null' failed")
                .hasMessageContaining("ring gone");
        capture.close();
        assertThat(capture.state()).isEqualTo(StreamState.CLOSED);
        assertThat(capture.failure()).isNotNull();
    }

    @Test
    void aStreamStartsOnceAndClosesIdempotently() throws Exception {
        CaptureStream capture = backend.openCapture(null, StreamOptions.DEFAULT, (s, n) -> { });
        assertThat(capture.awaitEnd(Duration.ofMillis(1))).isFalse();
        capture.close();
        capture.close();
        assertThat(capture.state()).isEqualTo(StreamState.CLOSED);
        assertThat(capture.awaitEnd(Duration.ofMillis(1))).isTrue();
        assertThatThrownBy(capture::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void otherDeviceNamesAreRefusedNamingTheOneThere() {
        assertThatThrownBy(() -> backend.openPlayback("speakers", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(NoSuchAudioDeviceException.class)
                .hasMessage("no playback device 'speakers' in the null audio backend; available: 'null'");
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new StreamOptions(960, 10)).hasMessage("a 10 ms buffer cannot hold a frame of 960 samples");
        assertThatThrownBy(() -> new StreamOptions(10, 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamOptions(960, 501)).isInstanceOf(IllegalArgumentException.class);
        assertThat(StreamOptions.DEFAULT.frameNanos()).isEqualTo(20_000_000L);
        assertThat(StreamOptions.LOW_LATENCY.bufferSamples()).isEqualTo(960);
    }
}
