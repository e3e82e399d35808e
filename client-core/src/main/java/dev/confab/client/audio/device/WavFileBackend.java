package dev.confab.client.audio.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Audio from and to WAV files, for bots, recordings and tests: the "device" is a file path.
 * Capture decodes the whole file when opened ({@link WavFile}: any common rate, 8 to 32-bit,
 * mono or stereo) and turns it into 48 kHz mono ({@link PcmAudio#toVoice()}); playback writes
 * 48 kHz stereo 16-bit. With no device clock, both are paced by a {@link Pacer}: in real time by
 * default, or {@code speed} times faster, or not at all ({@code Double.POSITIVE_INFINITY}), the
 * frames then following each other as fast as the consumer or source takes them.
 */
public final class WavFileBackend implements AudioBackend {

    /** What capture does when the file runs out. */
    public enum AtEnd {
        /** The stream ends ({@link StreamState#FINISHED}) after the last frame. */
        STOP,
        /** Starts again from the beginning. */
        LOOP,
        /** Goes on with silence until closed. */
        SILENCE
    }

    private final double speed;
    private final AtEnd atEnd;

    /** Real time; capture stops at the end of the file. */
    public WavFileBackend() {
        this(1.0, AtEnd.STOP);
    }

    /**
     * @param speed 1 for real time, more for faster, {@code Double.POSITIVE_INFINITY} for unpaced
     */
    public WavFileBackend(double speed, AtEnd atEnd) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, not " + speed);
        }
        this.speed = speed;
        this.atEnd = Objects.requireNonNull(atEnd, "atEnd");
    }

    @Override
    public String name() {
        return "wav";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String status() {
        return "WAV files: the device is a file path; capture reads PCM or float WAV at any common rate, "
                + "playback writes 48 kHz stereo 16-bit";
    }

    /** None: any readable WAV file's path is a capture device. */
    @Override
    public List<AudioDevice> captureDevices() {
        return List.of();
    }

    /** None: any writable path is a playback device. */
    @Override
    public List<AudioDevice> playbackDevices() {
        return List.of();
    }

    @Override
    public CaptureStream openCapture(String device, StreamOptions options, FrameConsumer consumer) throws AudioDeviceException {
        Path path = path(device, "capture");
        WavFile.Contents contents;
        try {
            contents = WavFile.read(path);
        } catch (NoSuchFileException e) {
            throw new AudioDeviceException("no WAV file '" + device + "' to capture from: it does not exist");
        } catch (IOException e) {
            throw new AudioDeviceException("cannot capture from the WAV file '" + device + "': " + e.getMessage(), e);
        }
        return openSamples(device, contents.audio().toVoice(), options, consumer);
    }

    /**
     * Capture from samples already in memory (48 kHz mono), e.g. one decoded file shared by many
     * bots. The array is only read, never changed.
     *
     * @param label what {@link CaptureStream#device()} reports
     */
    public CaptureStream openSamples(String label, short[] voice, StreamOptions options, FrameConsumer consumer) {
        Objects.requireNonNull(voice, "voice");
        return new DeviceStream.Capture(name(), label, options, new FileCapture(voice, new Pacer(options, speed), atEnd),
                consumer);
    }

    @Override
    public PlaybackStream openPlayback(String device, StreamOptions options, FrameSource source) throws AudioDeviceException {
        Path path = path(device, "playback");
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new AudioDeviceException("cannot write the WAV file '" + device + "': there is no folder " + parent);
        }
        WavFile.Writer writer;
        try {
            writer = WavFile.openWriter(path, 2, StreamOptions.SAMPLE_RATE);
        } catch (IOException e) {
            throw new AudioDeviceException("cannot write the WAV file '" + device + "': " + e, e);
        }
        return new DeviceStream.Playback(name(), device, options, new FilePlayback(writer, new Pacer(options, speed)), source);
    }

    private static Path path(String device, String direction) throws AudioDeviceException {
        if (device == null || device.isBlank()) {
            throw new AudioDeviceException("the wav audio backend has no default " + direction
                    + " device: give a WAV file's path as the device");
        }
        return Path.of(device);
    }

    private static final class FileCapture extends PacedLine implements DeviceLine.CaptureLine {

        private final short[] voice;
        private final AtEnd atEnd;
        private int position;

        FileCapture(short[] voice, Pacer pacer, AtEnd atEnd) {
            super(pacer);
            this.voice = voice;
            this.atEnd = atEnd;
        }

        @Override
        public int read(short[] mono, int frames) {
            if (position >= voice.length && atEnd == AtEnd.STOP) {
                return -1;
            }
            if (!pacer.awaitNextFrame()) {
                return 0;
            }
            int filled = 0;
            while (filled < frames) {
                if (position >= voice.length) {
                    if (atEnd != AtEnd.LOOP || voice.length == 0) {
                        break;
                    }
                    position = 0;
                }
                int n = Math.min(frames - filled, voice.length - position);
                System.arraycopy(voice, position, mono, filled, n);
                position += n;
                filled += n;
            }
            Arrays.fill(mono, filled, frames, (short) 0);
            return frames;
        }
    }

    private static final class FilePlayback extends PacedLine implements DeviceLine.PlaybackLine {

        private final WavFile.Writer writer;

        FilePlayback(WavFile.Writer writer, Pacer pacer) {
            super(pacer);
            this.writer = writer;
        }

        @Override
        public void write(short[] stereo, int frames) throws AudioDeviceException {
            // Written even when the pacer says the stream is stopping: the frame was taken from the
            // source and counted, so the file holds every frame the stream reports.
            pacer.awaitNextFrame();
            try {
                writer.write(stereo, 0, 2 * frames);
            } catch (IOException e) {
                throw new AudioDeviceException("writing the WAV file '" + writer.path() + "' failed: " + e, e);
            }
        }

        @Override
        public void release() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the WAV file " + writer.path() + " failed", e);
            }
        }
    }
}
