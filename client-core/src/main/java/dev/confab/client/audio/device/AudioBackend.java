package dev.confab.client.audio.device;

import java.util.List;

/**
 * One way of reaching audio devices: Java Sound, PortAudio, WAV files or nothing. Every stream
 * is 48 kHz 16-bit PCM, mono for capture and stereo for playback, moved a frame at a time by the
 * stream's own thread (see {@link CaptureStream} and {@link PlaybackStream}).
 *
 * <p>Devices are chosen by name, as {@link #captureDevices()} and {@link #playbackDevices()} list
 * them; {@code null} is the backend's default device. A name that is not there is a {@link
 * NoSuchAudioDeviceException} naming the devices that are. Implementations are thread-safe.
 */
public interface AudioBackend {

    /** The name {@link AudioBackends#byName(String)} knows it by: javasound, pulse, portaudio, wav, null. */
    String name();

    /** Whether it can be used on this machine at all (its library is there); devices may still fail to open. */
    boolean available();

    /** One line for people: the library and version in use, or why the backend is not available. */
    String status();

    /** @throws AudioDeviceException if the backend is not available */
    List<AudioDevice> captureDevices() throws AudioDeviceException;

    /** @throws AudioDeviceException if the backend is not available */
    List<AudioDevice> playbackDevices() throws AudioDeviceException;

    /**
     * Opens mono capture on a device; {@link CaptureStream#start()} starts delivering frames to
     * {@code consumer} on the stream's thread.
     *
     * @param device a name from {@link #captureDevices()}, or null for the default device
     * @throws NoSuchAudioDeviceException if there is no such device
     * @throws AudioDeviceException       if the device cannot be opened (busy, format refused)
     */
    CaptureStream openCapture(String device, StreamOptions options, FrameConsumer consumer) throws AudioDeviceException;

    /**
     * Opens stereo playback on a device; {@link PlaybackStream#start()} starts pulling frames
     * from {@code source} on the stream's thread, paced by the device.
     *
     * @param device a name from {@link #playbackDevices()}, or null for the default device
     * @throws NoSuchAudioDeviceException if there is no such device
     * @throws AudioDeviceException       if the device cannot be opened (busy, format refused)
     */
    PlaybackStream openPlayback(String device, StreamOptions options, FrameSource source) throws AudioDeviceException;
}
