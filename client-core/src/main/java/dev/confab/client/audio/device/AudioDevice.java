package dev.confab.client.audio.device;

import java.util.Objects;

/**
 * A capture or playback device as a backend lists it.
 *
 * @param name        what {@link AudioBackend#openCapture} and {@link AudioBackend#openPlayback}
 *                    take to open it (as given on the command line)
 * @param description a human description, possibly empty
 * @param isDefault   whether opening with no name ({@code null}) opens this device
 */
public record AudioDevice(String name, String description, boolean isDefault) {

    public AudioDevice {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }
}
