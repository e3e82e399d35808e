package dev.confab.client.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PortAudio through JNA into the test PulseAudio server, on a sink of its own (skipped without
 * libportaudio2 or PulseAudio).
 */
class PortAudioBackendTest {

    private static final String SINK = "confab_portaudio_test";

    private static final PortAudioBackend backend = new PortAudioBackend();
    private static PulseAudioTestServer server;
    private static boolean sinkMade;

    @BeforeEach
    void pulseAudioAndPortAudio() {
        server = PulseAudioTestServer.require();
        assumeTrue(backend.available(), backend::status);
        if (!sinkMade) {
            server.sink(SINK);
            sinkMade = true;
        }
    }

    @AfterAll
    static void removeSink() {
        if (sinkMade) {
            server.removeSink(SINK);
        }
    }

    @Test
    void aMissingLibraryMakesTheBackendUnavailableWithTheReason() {
        PortAudioBackend missing = new PortAudioBackend("/nonexistent/libportaudio.so.2");
        assertThat(missing.available()).isFalse();
        assertThat(missing.status()).contains("/nonexistent/libportaudio.so.2", "libportaudio2");
        assertThatThrownBy(missing::captureDevices).isInstanceOf(AudioDeviceException.class)
                .hasMessageContaining("PortAudio is not available");
        assertThat(backend.available()).isTrue();
    }

    @Test
    void listsTheAlsaDevicesThatReachPulseAudio() throws Exception {
        assertThat(backend.status()).startsWith("PortAudio V19");
        assertThat(backend.captureDevices()).extracting(AudioDevice::name).contains("pulse", "default");
        assertThat(backend.playbackDevices()).extracting(AudioDevice::name).contains("pulse", "default");
        assertThat(backend.playbackDevices()).filteredOn(AudioDevice::isDefault).hasSize(1);
    }

    @Test
    void aTonePlayedIntoItsOwnSinkIsCapturedFromThatMonitor() throws Exception {
        Loopback.Result result = Loopback.run(backend, "alsa:pulse:" + SINK, "alsa:pulse:" + SINK + ".monitor",
                StreamOptions.DEFAULT, 997, 0.5);
        System.out.println("PortAudio loopback: " + result);
        assertThat(result.hz()).isCloseTo(997, within(1.0));
        assertThat(result.levelDb()).isCloseTo(0, within(1.0));
        assertThat(result.wrongFrameSizes()).isZero();
        assertThat(result.dropouts()).isZero();
        assertThat(result.latencyMs()).isBetween(0.0, 300.0);
    }

    @Test
    void theListedPulseDeviceOpensByName() throws Exception {
        Loopback.Result result = Loopback.run(backend, "pulse", "PULSE", StreamOptions.LOW_LATENCY, 1500, 0.25);
        System.out.println("PortAudio low-latency loopback on the default sink: " + result);
        assertThat(result.hz()).isCloseTo(1500, within(1.0));
        assertThat(result.levelDb()).isCloseTo(0, within(1.0));
    }

    @Test
    void aMissingDeviceIsAClearErrorNamingTheOnesThere() {
        assertThatThrownBy(() -> backend.openCapture("USB Headset", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOfSatisfying(NoSuchAudioDeviceException.class, e -> {
                    assertThat(e.backend()).isEqualTo("portaudio");
                    assertThat(e.available()).extracting(AudioDevice::name).contains("pulse", "default");
                    assertThat(e).hasMessageStartingWith("no capture device 'USB Headset' in the portaudio audio backend; "
                            + "available: ").hasMessageContaining("'pulse'");
                });
        assertThatThrownBy(() -> backend.openPlayback("alsa:no_such_pcm", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessageContaining("PortAudio cannot open the playback device 'alsa:no_such_pcm'");
        assertThatThrownBy(() -> backend.openPlayback("alsa:", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(AudioDeviceException.class).hasMessageContaining("names no ALSA device");
    }
}
