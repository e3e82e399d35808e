package dev.confab.client.audio.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** libpulse's simple API into the test PulseAudio server, on a sink of its own (skipped without PulseAudio). */
class PulseAudioBackendTest {

    private static final String SINK = "confab_pulse_test";

    private static final PulseAudioBackend backend = new PulseAudioBackend();
    private static PulseAudioTestServer server;
    private static boolean sinkMade;

    @BeforeEach
    void pulseAudio() {
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
    void listsTheServersSinksAndSourcesWithItsDefaults() throws Exception {
        assertThat(backend.status()).startsWith("libpulse ");
        assertThat(backend.playbackDevices()).extracting(AudioDevice::name).contains(SINK, "confab_speaker");
        assertThat(backend.captureDevices()).extracting(AudioDevice::name).contains(SINK + ".monitor");
        assertThat(backend.playbackDevices()).filteredOn(AudioDevice::isDefault).hasSize(1);
        assertThat(backend.captureDevices()).filteredOn(AudioDevice::isDefault).hasSize(1);
    }

    @Test
    void aTonePlayedIntoItsOwnSinkIsCapturedFromThatMonitor() throws Exception {
        Loopback.Result result = Loopback.run(backend, SINK, SINK + ".monitor", StreamOptions.DEFAULT, 997, 0.5);
        System.out.println("PulseAudio loopback: " + result);
        assertThat(result.hz()).isCloseTo(997, within(1.0));
        assertThat(result.levelDb()).isCloseTo(0, within(1.0));
        assertThat(result.wrongFrameSizes()).isZero();
        assertThat(result.dropouts()).isZero();
        assertThat(result.latencyMs()).isBetween(0.0, 300.0);
    }

    @Test
    void theDefaultDevicesOpenWithLowLatencyFrames() throws Exception {
        Loopback.Result result = Loopback.run(backend, null, null, StreamOptions.LOW_LATENCY, 1500, 0.25);
        System.out.println("PulseAudio low-latency loopback on the default sink: " + result);
        assertThat(result.hz()).isCloseTo(1500, within(1.0));
        assertThat(result.levelDb()).isCloseTo(0, within(1.0));
    }

    @Test
    void aMissingDeviceIsAClearErrorNamingTheOnesThere() {
        assertThatThrownBy(() -> backend.openCapture("USB Headset", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOfSatisfying(NoSuchAudioDeviceException.class, e -> {
                    assertThat(e.backend()).isEqualTo("pulse");
                    assertThat(e).hasMessageStartingWith("no capture device 'USB Headset' in the pulse audio backend; "
                            + "available: ").hasMessageContaining("'" + SINK + ".monitor'");
                });
        assertThatThrownBy(() -> backend.openPlayback(SINK + ".monitor", StreamOptions.DEFAULT, (s, n) -> { }))
                .isInstanceOf(NoSuchAudioDeviceException.class).hasMessageContaining("no playback device");
    }
}
