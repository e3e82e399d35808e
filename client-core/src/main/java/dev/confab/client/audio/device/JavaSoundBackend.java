package dev.confab.client.audio.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java Sound (javax.sound.sampled): the default backend, in every JDK. Its devices are the
 * mixers that take 48 kHz 16-bit little-endian lines, mono {@link TargetDataLine}s for capture
 * and stereo {@link SourceDataLine}s for playback, named as Java Sound names them ("default
 * [default]", "PCH [plughw:0,0]"); a unique case-insensitive match of the whole name, of the part
 * before the brackets or of the part inside them also finds a device. With no name, the first
 * such mixer is used, as {@link AudioSystem} itself does.
 *
 * <h2>Buffers</h2>
 * Lines are always opened with an explicit buffer of {@link StreamOptions#bufferMillis()}:
 * Java Sound's own default is 500 ms, which is half a second of delay. Capture reads one frame at
 * a time, blocking; playback writes one frame at a time, blocking while the line's buffer is
 * full. Overruns and underruns are seen as a line buffer found full (capture) or empty (playback)
 * just before a read or write; playback counts an empty buffer only once it has held audio, as
 * the pulse plugin reports more free space than the buffer's size while the stream starts.
 *
 * <h2>On Linux</h2>
 * Java Sound reaches ALSA, and through the ALSA pulse plugin, PulseAudio, whose server then shows
 * as the one mixer "default [default]" (on a machine with no sound card, the only one). The
 * server is the one PULSE_SERVER names, or the user's, or the system-wide one; PULSE_SINK and
 * PULSE_SOURCE choose its devices for the whole process. ALSA decides once per process whether a
 * PulseAudio server is running: when no mixer takes the format, the backend asks ALSA to read its
 * configuration again ({@link NativeAudio#reloadAlsaConfiguration()}, at most every 2 s) and looks
 * once more, so a client started before its PulseAudio server still finds it. ALSA's messages
 * ("ALSA lib ...: underrun occurred") go to the debug log, not stderr ({@link
 * NativeAudio#routeMessagesToLog()}).
 */
public final class JavaSoundBackend implements AudioBackend {

    private static final Logger log = LoggerFactory.getLogger(JavaSoundBackend.class);

    static final AudioFormat MONO = new AudioFormat(StreamOptions.SAMPLE_RATE, 16, 1, true, false);
    static final AudioFormat STEREO = new AudioFormat(StreamOptions.SAMPLE_RATE, 16, 2, true, false);

    private static final DataLine.Info CAPTURE = new DataLine.Info(TargetDataLine.class, MONO);
    private static final DataLine.Info PLAYBACK = new DataLine.Info(SourceDataLine.class, STEREO);

    private static final long RELOAD_EVERY_NANOS = 2_000_000_000L;
    private static final Object RELOAD = new Object();
    private static long lastReload = System.nanoTime() - RELOAD_EVERY_NANOS;

    @Override
    public String name() {
        return "javasound";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String status() {
        int capture = mixers(CAPTURE).size();
        int playback = mixers(PLAYBACK).size();
        if (capture + playback == 0) {
            return "Java Sound sees no device that takes 48 kHz 16-bit audio"
                    + (System.getProperty("os.name", "").startsWith("Linux")
                            ? " (no sound card, and no PulseAudio server reachable through ALSA's pulse plugin?)" : "");
        }
        return String.format(Locale.ROOT, "Java Sound (%s %s): %d capture and %d playback device%s",
                System.getProperty("java.vendor", "?"), System.getProperty("java.version", "?"), capture, playback,
                playback == 1 ? "" : "s");
    }

    @Override
    public List<AudioDevice> captureDevices() {
        return devices(mixers(CAPTURE));
    }

    @Override
    public List<AudioDevice> playbackDevices() {
        return devices(mixers(PLAYBACK));
    }

    @Override
    public CaptureStream openCapture(String device, StreamOptions options, FrameConsumer consumer) throws AudioDeviceException {
        Mixer.Info mixer = find(device, CAPTURE, "capture");
        TargetDataLine line;
        try {
            line = (TargetDataLine) AudioSystem.getMixer(mixer).getLine(CAPTURE);
            line.open(MONO, options.bufferSamples() * MONO.getFrameSize());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw refused(mixer, "capture", "mono", e);
        }
        return new DeviceStream.Capture(name(), mixer.getName(), options, new JsCapture(line, options), consumer);
    }

    @Override
    public PlaybackStream openPlayback(String device, StreamOptions options, FrameSource source) throws AudioDeviceException {
        Mixer.Info mixer = find(device, PLAYBACK, "playback");
        SourceDataLine line;
        try {
            line = (SourceDataLine) AudioSystem.getMixer(mixer).getLine(PLAYBACK);
            line.open(STEREO, options.bufferSamples() * STEREO.getFrameSize());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw refused(mixer, "playback", "stereo", e);
        }
        return new DeviceStream.Playback(name(), mixer.getName(), options, new JsPlayback(line, options), source);
    }

    private AudioDeviceException refused(Mixer.Info mixer, String direction, String layout, Exception e) {
        return new AudioDeviceException("Java Sound cannot open the " + direction + " device '" + mixer.getName()
                + "' for 48 kHz " + layout + " 16-bit (busy, or the format is refused): " + e.getMessage(), e);
    }

    private Mixer.Info find(String device, DataLine.Info line, String direction) throws NoSuchAudioDeviceException {
        List<Mixer.Info> mixers = mixers(line);
        if (device == null) {
            if (!mixers.isEmpty()) {
                return mixers.get(0);
            }
        } else {
            for (Mixer.Info mixer : mixers) {
                if (mixer.getName().equals(device)) {
                    return mixer;
                }
            }
            Mixer.Info match = null;
            int matches = 0;
            for (Mixer.Info mixer : mixers) {
                if (matches(mixer.getName(), device)) {
                    match = mixer;
                    matches++;
                }
            }
            if (matches == 1) {
                return match;
            }
        }
        throw new NoSuchAudioDeviceException(name(), direction, device, devices(mixers));
    }

    /** "PCH [plughw:0,0]" is matched by its whole name, "pch" or "plughw:0,0", ignoring case. */
    static boolean matches(String name, String wanted) {
        if (name.equalsIgnoreCase(wanted)) {
            return true;
        }
        int open = name.lastIndexOf(" [");
        if (open < 0 || !name.endsWith("]")) {
            return false;
        }
        return name.substring(0, open).equalsIgnoreCase(wanted)
                || name.substring(open + 2, name.length() - 1).equalsIgnoreCase(wanted);
    }

    private static List<AudioDevice> devices(List<Mixer.Info> mixers) {
        List<AudioDevice> out = new ArrayList<>();
        for (int i = 0; i < mixers.size(); i++) {
            Mixer.Info mixer = mixers.get(i);
            out.add(new AudioDevice(mixer.getName(), mixer.getDescription(), i == 0));
        }
        return out;
    }

    private static List<Mixer.Info> mixers(DataLine.Info line) {
        NativeAudio.routeMessagesToLog();
        List<Mixer.Info> found = supporting(line);
        if (found.isEmpty() && reloadDue() && NativeAudio.reloadAlsaConfiguration()) {
            found = supporting(line);
            log.debug("after reloading ALSA's configuration Java Sound sees {} device(s) for {}", found.size(), line);
        }
        return found;
    }

    private static boolean reloadDue() {
        synchronized (RELOAD) {
            long now = System.nanoTime();
            if (now - lastReload < RELOAD_EVERY_NANOS) {
                return false;
            }
            lastReload = now;
            return true;
        }
    }

    private static List<Mixer.Info> supporting(DataLine.Info line) {
        List<Mixer.Info> found = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                if (AudioSystem.getMixer(info).isLineSupported(line)) {
                    found.add(info);
                }
            } catch (RuntimeException e) {
                log.debug("Java Sound mixer {} could not be asked: {}", info.getName(), e.toString());
            }
        }
        return found;
    }

    private static final class JsCapture implements DeviceLine.CaptureLine {

        private final TargetDataLine line;
        private final byte[] bytes;
        private volatile long overruns;

        JsCapture(TargetDataLine line, StreamOptions options) {
            this.line = line;
            this.bytes = new byte[2 * options.frameSamples()];
        }

        @Override
        public double bufferMillis() {
            return 1000.0 * line.getBufferSize() / (MONO.getFrameSize() * StreamOptions.SAMPLE_RATE);
        }

        @Override
        public void begin() {
            line.start();
        }

        @Override
        public int read(short[] mono, int frames) {
            if (line.available() >= line.getBufferSize()) {
                overruns++; // one writer
            }
            int want = 2 * frames;
            int got = 0;
            while (got < want) {
                int n = line.read(bytes, got, want - got);
                if (n <= 0) {
                    break; // stopped: the stream is closing
                }
                got += n;
            }
            for (int i = 0, b = 0; i < got / 2; i++, b += 2) {
                mono[i] = (short) ((bytes[b] & 0xff) | (bytes[b + 1] << 8));
            }
            return got / 2;
        }

        @Override
        public long overruns() {
            return overruns;
        }

        @Override
        public void interrupt() {
            line.stop();
        }

        @Override
        public void release() {
            line.close();
        }
    }

    private static final class JsPlayback implements DeviceLine.PlaybackLine {

        private final SourceDataLine line;
        private final byte[] bytes;
        private volatile long underruns;
        /** Whether the line's buffer has held audio yet: before that, an empty buffer is the start. */
        private boolean primed;

        JsPlayback(SourceDataLine line, StreamOptions options) {
            this.line = line;
            this.bytes = new byte[4 * options.frameSamples()];
        }

        @Override
        public double bufferMillis() {
            return 1000.0 * line.getBufferSize() / (STEREO.getFrameSize() * StreamOptions.SAMPLE_RATE);
        }

        @Override
        public void begin() {
            line.start();
        }

        @Override
        public void write(short[] stereo, int frames) {
            int length = 4 * frames;
            for (int i = 0, b = 0; i < 2 * frames; i++, b += 2) {
                short s = stereo[i];
                bytes[b] = (byte) s;
                bytes[b + 1] = (byte) (s >> 8);
            }
            // Through PulseAudio, available() can exceed the buffer size while the stream starts.
            int free = line.available();
            if (free < line.getBufferSize()) {
                primed = true;
            } else if (primed) {
                underruns++; // one writer
            }
            int done = 0;
            while (done < length) {
                int n = line.write(bytes, done, length - done);
                if (n <= 0) {
                    break; // stopped: the stream is closing
                }
                done += n;
            }
        }

        @Override
        public long underruns() {
            return underruns;
        }

        @Override
        public void interrupt() {
            line.stop();
            line.flush();
        }

        @Override
        public void release() {
            line.close();
        }
    }
}
