package dev.confab.client.app;

import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.audio.jitter.JitterOptions;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ClientBackend} runs.
 *
 * @param clientName the name sent in the hello (e.g. {@code confab-tui})
 * @param devices    the voice engine's devices, or null for chat without voice
 * @param capture    the capture options, with the initial transmit mode
 * @param jitter     the receive side's options (the frame size of both directions)
 * @param volumes    local volumes by account name, applied whenever that person is heard
 */
public record BackendOptions(String clientName, VoiceEngine.Devices devices, CaptureOptions capture,
                             JitterOptions jitter, Map<String, Integer> volumes) {

    public BackendOptions {
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(jitter, "jitter");
        volumes = Map.copyOf(volumes);
    }

    /** Chat only, default voice options for when devices are given. */
    public static BackendOptions chatOnly(String clientName) {
        return new BackendOptions(clientName, null, CaptureOptions.DEFAULT, JitterOptions.DEFAULT, Map.of());
    }

    public BackendOptions withDevices(VoiceEngine.Devices devices) {
        return new BackendOptions(clientName, devices, capture, jitter, volumes);
    }

    public BackendOptions withCapture(CaptureOptions capture) {
        return new BackendOptions(clientName, devices, capture, jitter, volumes);
    }

    public BackendOptions withJitter(JitterOptions jitter) {
        return new BackendOptions(clientName, devices, capture, jitter, volumes);
    }

    public BackendOptions withVolumes(Map<String, Integer> volumes) {
        return new BackendOptions(clientName, devices, capture, jitter, volumes);
    }
}
