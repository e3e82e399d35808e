package dev.confab.client.audio.device;

import java.util.List;
import java.util.stream.Collectors;

/** The device asked for is not there; the message and {@link #available()} name the ones that are. */
public final class NoSuchAudioDeviceException extends AudioDeviceException {

    private static final long serialVersionUID = 1L;

    private final String backend;
    private final String device;
    private final transient List<AudioDevice> available;

    /**
     * @param direction "capture" or "playback"
     * @param device    the name asked for, or null for the default device
     */
    public NoSuchAudioDeviceException(String backend, String direction, String device, List<AudioDevice> available) {
        super(message(backend, direction, device, available));
        this.backend = backend;
        this.device = device;
        this.available = List.copyOf(available);
    }

    private static String message(String backend, String direction, String device, List<AudioDevice> available) {
        String wanted = device == null ? "no default " + direction + " device" : "no " + direction + " device '" + device + "'";
        String there = available.isEmpty()
                ? "it lists none"
                : "available: " + available.stream().map(d -> "'" + d.name() + "'").collect(Collectors.joining(", "));
        return wanted + " in the " + backend + " audio backend; " + there;
    }

    public String backend() {
        return backend;
    }

    /** The name asked for, or null when the default device was asked for. */
    public String device() {
        return device;
    }

    /** The devices of that direction the backend lists. */
    public List<AudioDevice> available() {
        return available == null ? List.of() : available;
    }
}
