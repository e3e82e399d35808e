package dev.confab.client.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java Sound through ALSA's pulse plugin into the test PulseAudio server (skipped without one). */
class JavaSoundBackendTest {

    private static final JavaSoundBackend backend = new JavaSoundBackend();

    @BeforeEach
    void pulseAudio() {
        PulseAudioTestServer.require();
    }

    @Test
    void listsPulseAudioAsTheDefaultMixer() {
        assertThat(backend.captureDevices()).anySatisfy(d -> {
            assertThat(d.name()).isEqualTo("default [default]");
            assertThat(d.isDefault()).isTrue();
        });
        assertThat(backend.playbackDevices()).extracting(AudioDevice::name).contains("default [default]");
        assertThat(backend.status()).contains("1 capture and 1 playback device");
    }

    @Test
    void aTonePlayedIntoTheSinkIsCapturedFromItsMonitor() throws Exception {
        Loopback.Result result = Loopback.run(backend, null, "default", StreamOptions.DEFAULT, 997, 0.5);
        System.out.println("Java Sound loopback: " + result);
        assertThat(result.hz()).isCloseTo(997, within(1.0));
        assertThat(result.levelDb()).isCloseTo(0, within(1.0));
        assertThat(result.wrongFrameSizes()).isZero();
        assertThat(result.dropouts()).isZero();
        assertThat(result.underruns()).isZero();
        assertThat(result.captureMs()).isBetween(20.0, 60.0);
        assertThat(result.playbackMs()).isBetween(20.0, 60.0);
        assertThat(result.latencyMs()).isBetween(0.0, 300.0);
    }

    @Test
    void theLowLatencyProfileWorksToo() throws Exception {
        Loopback.Result result = Loopback.run(backend, "default [default]", null, StreamOptions.LOW_LATENCY, 1500, 0.25);
        System.out.println("Java Sound low-latency loopback: " + result);
        assertThat(result.hz()).isCloseTo(1500, within(1.0));
        assertThat(result.levelDb()).isCloseTo(0, within(1.0));
        assertThat(result.dropouts()).isZero();
    }

    @Test
    void aMissingDeviceIsAClearErrorNamingTheOnesThere() {
        assertThatThrownBy(() -> backend.openCapture("USB Headset [hw:3,0]", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOfSatisfying(NoSuchAudioDeviceException.class, e -> {
                    assertThat(e.device()).isEqualTo("USB Headset [hw:3,0]");
                    assertThat(e.available()).extracting(AudioDevice::name).contains("default [default]");
                    assertThat(e).hasMessage("no capture device 'USB Headset [hw:3,0]' in the javasound audio backend; "
                            + "available: 'default [default]'");
                });
        assertThatThrownBy(() -> backend.openPlayback("hw:3,0", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(NoSuchAudioDeviceException.class)
                .hasMessageContaining("no playback device 'hw:3,0'");
    }

    @Test
    void closingStopsTheThreadAtOnceAndFreesTheDevice() throws Exception {
        Recorder recorder = new Recorder(48_000, 960);
        CaptureStream capture = backend.openCapture(null, StreamOptions.DEFAULT, recorder);
        assertThat(capture.state()).isEqualTo(StreamState.OPENED);
        capture.start();
        assertThatThrownBy(capture::start).isInstanceOf(IllegalStateException.class);
        Thread.sleep(100);
        long start = System.nanoTime();
        capture.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
        assertThat(capture.state()).isEqualTo(StreamState.CLOSED);
        assertThat(capture.awaitEnd(Duration.ofMillis(10))).isTrue();
        assertThat(capture.failure()).isNull();
        capture.close();

        PlaybackStream playback = backend.openPlayback(null, StreamOptions.DEFAULT, (stereo, frames) -> { });
        playback.start();
        Thread.sleep(100);
        start = System.nanoTime();
        playback.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
        assertThat(playback.frames()).isGreaterThan(0);
    }
}
