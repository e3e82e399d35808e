package dev.confab.client.audio.device;

import java.util.Arrays;
import java.util.List;

/**
 * No audio: capture delivers silence, playback takes its frames and drops them, both paced in
 * real time (or {@code speed} times faster) so the rest of the engine runs as with a device. Its
 * one device is called {@value #DEVICE}.
 */
public final class NullBackend implements AudioBackend {

    public static final String DEVICE = "null";

    private static final List<AudioDevice> DEVICES =
            List.of(new AudioDevice(DEVICE, "silence in, nothing out", true));

    private final double speed;

    public NullBackend() {
        this(1.0);
    }

    /** @param speed 1 for real time, more for faster, {@code Double.POSITIVE_INFINITY} for unpaced */
    public NullBackend(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, not " + speed);
        }
        this.speed = speed;
    }

    @Override
    public String name() {
        return "null";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String status() {
        return "no audio: silence in, nothing out";
    }

    @Override
    public List<AudioDevice> captureDevices() {
        return DEVICES;
    }

    @Override
    public List<AudioDevice> playbackDevices() {
        return DEVICES;
    }

    @Override
    public CaptureStream openCapture(String device, StreamOptions options, FrameConsumer consumer)
            throws NoSuchAudioDeviceException {
        check(device, "capture");
        return new DeviceStream.Capture(name(), DEVICE, options, new Silence(new Pacer(options, speed)), consumer);
    }

    @Override
    public PlaybackStream openPlayback(String device, StreamOptions options, FrameSource source)
            throws NoSuchAudioDeviceException {
        check(device, "playback");
        return new DeviceStream.Playback(name(), DEVICE, options, new Silence(new Pacer(options, speed)), source);
    }

    private void check(String device, String direction) throws NoSuchAudioDeviceException {
        if (device != null && !device.equals(DEVICE)) {
            throw new NoSuchAudioDeviceException(name(), direction, device, DEVICES);
        }
    }

    private static final class Silence extends PacedLine implements DeviceLine.CaptureLine, DeviceLine.PlaybackLine {

        Silence(Pacer pacer) {
            super(pacer);
        }

        @Override
        public int read(short[] mono, int frames) {
            if (!pacer.awaitNextFrame()) {
                return 0;
            }
            Arrays.fill(mono, 0, frames, (short) 0);
            return frames;
        }

        @Override
        public void write(short[] stereo, int frames) {
            pacer.awaitNextFrame();
        }
    }
}
