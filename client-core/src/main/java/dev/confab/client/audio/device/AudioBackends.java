package dev.confab.client.audio.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The backends by name, and what each can reach, for {@code confab-cli audio devices}. */
public final class AudioBackends {

    /** Every backend's name, the default first. */
    public static final List<String> NAMES = List.of("javasound", "pulse", "portaudio", "wav", "null");

    private AudioBackends() {
    }

    /**
     * A new backend by name, ignoring case: javasound, pulse, portaudio, wav (real time, stopping at the
     * end of the file), null (real time).
     *
     * @throws AudioDeviceException naming the known backends if there is no such one
     */
    public static AudioBackend byName(String name) throws AudioDeviceException {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "javasound" -> new JavaSoundBackend();
            case "pulse" -> new PulseAudioBackend();
            case "portaudio" -> new PortAudioBackend();
            case "wav" -> new WavFileBackend();
            case "null" -> new NullBackend();
            default -> throw new AudioDeviceException("no audio backend '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** The default backend: Java Sound. */
    public static AudioBackend defaultBackend() {
        return new JavaSoundBackend();
    }

    /**
     * What one backend offers.
     *
     * @param status  {@link AudioBackend#status()}
     * @param problem why the devices could not be listed, or null
     */
    public record Listing(String backend, boolean available, String status, List<AudioDevice> capture,
            List<AudioDevice> playback, String problem) {
    }

    /** Lists one backend's devices; never throws. */
    public static Listing list(AudioBackend backend) {
        boolean available = backend.available();
        String status = backend.status();
        if (!available) {
            return new Listing(backend.name(), false, status, List.of(), List.of(), status);
        }
        try {
            return new Listing(backend.name(), true, status, backend.captureDevices(), backend.playbackDevices(), null);
        } catch (AudioDeviceException | RuntimeException e) {
            return new Listing(backend.name(), true, status, List.of(), List.of(), e.getMessage());
        }
    }

    /** Every backend's devices, in the order of {@link #NAMES}. */
    public static List<Listing> listAll() {
        List<Listing> out = new ArrayList<>();
        for (String name : NAMES) {
            try {
                out.add(list(byName(name)));
            } catch (AudioDeviceException e) {
                throw new IllegalStateException(e); // every name in NAMES is known
            }
        }
        return out;
    }
}
