package dev.confab.client.audio.device;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PortAudio V19 through JNA, with its blocking read and write calls on the stream's own thread.
 *
 * <h2>Loading</h2>
 * The library is {@code libportaudio.so.2} (Debian's libportaudio2) unless the system property
 * {@value #LIBRARY_PROPERTY} names another file or library. The first one that loads is bound
 * and initialised (Pa_Initialize) once for the process and never terminated, so its device list
 * is the one seen then; a library that does not load leaves {@link #available()} false, with the
 * reason in {@link #status()}, and is tried again on the next call (it may have been installed
 * since). Pa_Initialize probes every ALSA device and tries to reach a JACK server, which print
 * "ALSA lib ..." and "Cannot connect to server socket" lines to stderr; before it runs, ALSA's and
 * JACK's printers are sent to the debug log for good ({@link NativeAudio#routeMessagesToLog()}).
 * PortAudio's own "Expression '...' failed" lines still reach stderr when a device fails to open.
 *
 * <h2>Streams</h2>
 * Blocking Pa_ReadStream and Pa_WriteStream on the stream's own thread, one frame per call, with
 * framesPerBuffer set to the frame and suggestedLatency to {@link StreamOptions#bufferMillis()}
 * (ALSA then uses periods of one frame in a buffer of that many milliseconds); no PortAudio
 * callback, so no native thread calls into Java. Capture overruns are PortAudio's
 * paInputOverflowed; playback underruns its paOutputUnderflowed, past the first 100 ms (the
 * device starts before the first frame reaches it). A playback device with one channel gets the
 * average of left and right.
 *
 * <h2>Devices</h2>
 * Named as PortAudio names them ("pulse", "default", "HDA Intel PCH: ALC892 Analog (hw:0,0)"),
 * with the host API appended when two host APIs list the same name. A name that starts with
 * {@value #ALSA_PREFIX} opens that ALSA PCM directly, listed or not: {@code alsa:pulse:mysink}
 * reaches the PulseAudio sink (or source) {@code mysink} through the ALSA pulse plugin, which is
 * how two clients in one process get their own PulseAudio devices.
 */
public final class PortAudioBackend implements AudioBackend {

    private static final Logger log = LoggerFactory.getLogger(PortAudioBackend.class);

    /** A system property naming the PortAudio library to load instead of libportaudio.so.2. */
    public static final String LIBRARY_PROPERTY = "confab.portaudio.library";

    /** Device names with this prefix are ALSA PCM names, opened directly. */
    public static final String ALSA_PREFIX = "alsa:";

    /** Playback underflows in the first 100 ms are the start, not gaps. */
    private static final long WARM_UP_NANOS = 100_000_000L;

    /** Guards PortAudio's global state: PortAudio is not thread-safe for opening and closing. */
    private static final Object PA = new Object();
    /** The library the natives are bound to, once one loaded; guarded by PA. */
    private static String bound;
    /** Why the bound library did not initialise, or null; guarded by PA. */
    private static String initFailure;
    private static String version;

    private final String library;

    /** PortAudio from {@value #LIBRARY_PROPERTY}, or else libportaudio.so.2. */
    public PortAudioBackend() {
        this(System.getProperty(LIBRARY_PROPERTY, "libportaudio.so.2"));
    }

    /** PortAudio from {@code library}: a file name, a path, or a name JNA looks up. */
    public PortAudioBackend(String library) {
        this.library = library;
    }

    @Override
    public String name() {
        return "portaudio";
    }

    @Override
    public boolean available() {
        return ensureInitialised() == null;
    }

    @Override
    public String status() {
        String failure = ensureInitialised();
        return failure != null ? failure : version;
    }

    @Override
    public List<AudioDevice> captureDevices() throws AudioDeviceException {
        return devices(true);
    }

    @Override
    public List<AudioDevice> playbackDevices() throws AudioDeviceException {
        return devices(false);
    }

    @Override
    public CaptureStream openCapture(String device, StreamOptions options, FrameConsumer consumer) throws AudioDeviceException {
        Opened opened = open(device, true, options);
        return new DeviceStream.Capture(name(), opened.name(), options, new PaCapture(opened, options), consumer);
    }

    @Override
    public PlaybackStream openPlayback(String device, StreamOptions options, FrameSource source) throws AudioDeviceException {
        Opened opened = open(device, false, options);
        return new DeviceStream.Playback(name(), opened.name(), options, new PaPlayback(opened, options), source);
    }

    /**
     * Null when PortAudio is ready, else why it is not. A library that fails to load is tried
     * again next time (it may have been installed since); once one has loaded, it is the one.
     */
    private String ensureInitialised() {
        synchronized (PA) {
            if (library.equals(bound)) {
                return initFailure;
            }
            NativeLibrary loaded;
            try {
                loaded = NativeLibrary.getInstance(library);
            } catch (UnsatisfiedLinkError e) {
                log.debug("PortAudio not loaded from {}", library, e);
                return "PortAudio is not available: " + library + " could not be loaded (on Debian: apt-get install libportaudio2)";
            }
            if (bound != null) {
                return "PortAudio is already loaded from " + bound + " in this process, not from " + library;
            }
            try {
                PortAudio.bind(loaded);
            } catch (UnsatisfiedLinkError e) {
                log.debug("{} is not PortAudio V19", library, e);
                return "PortAudio is not available: " + library + " is not PortAudio V19 (" + e.getMessage() + ")";
            }
            bound = library;
            NativeAudio.routeMessagesToLog();
            int code = PortAudio.Pa_Initialize();
            if (code != PortAudio.paNoError) {
                initFailure = "PortAudio did not initialise: " + PortAudio.Pa_GetErrorText(code);
            } else {
                version = PortAudio.Pa_GetVersionText();
                log.debug("{} loaded from {}", version, library);
            }
            return initFailure;
        }
    }

    private void requireInitialised() throws AudioDeviceException {
        String failure = ensureInitialised();
        if (failure != null) {
            throw new AudioDeviceException(failure);
        }
    }

    /** A device PortAudio lists, with the name we give it. */
    private record Listed(int index, AudioDevice device, int channels) {
    }

    private List<AudioDevice> devices(boolean input) throws AudioDeviceException {
        List<AudioDevice> out = new ArrayList<>();
        for (Listed listed : list(input)) {
            out.add(listed.device());
        }
        return out;
    }

    private List<Listed> list(boolean input) throws AudioDeviceException {
        requireInitialised();
        synchronized (PA) {
            int count = PortAudio.Pa_GetDeviceCount();
            if (count < 0) {
                throw new AudioDeviceException("PortAudio cannot list devices: " + PortAudio.Pa_GetErrorText(count));
            }
            int defaultDevice = input ? PortAudio.Pa_GetDefaultInputDevice() : PortAudio.Pa_GetDefaultOutputDevice();
            Map<String, Integer> seen = new HashMap<>();
            List<PortAudio.DeviceInfo> infos = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                PortAudio.DeviceInfo info = new PortAudio.DeviceInfo(PortAudio.Pa_GetDeviceInfo(i));
                infos.add(info);
                seen.merge(info.name, 1, Integer::sum);
            }
            List<Listed> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                PortAudio.DeviceInfo info = infos.get(i);
                int channels = input ? info.maxInputChannels : info.maxOutputChannels;
                if (channels < 1) {
                    continue;
                }
                String hostApi = new PortAudio.HostApiInfo(PortAudio.Pa_GetHostApiInfo(info.hostApi)).name;
                String name = seen.get(info.name) > 1 ? info.name + " (" + hostApi + ")" : info.name;
                String description = String.format(Locale.ROOT, "%s, %d channel%s, %.0f Hz, low latency %.0f ms",
                        hostApi, channels, channels == 1 ? "" : "s", info.defaultSampleRate,
                        1000 * (input ? info.defaultLowInputLatency : info.defaultLowOutputLatency));
                out.add(new Listed(i, new AudioDevice(name, description, i == defaultDevice), channels));
            }
            return out;
        }
    }

    /** An open PortAudio stream. */
    private record Opened(String name, Pointer stream, int channels, double latencySeconds, Object keepAlive) {
    }

    private Opened open(String device, boolean input, StreamOptions options) throws AudioDeviceException {
        String direction = input ? "capture" : "playback";
        List<Listed> listed = list(input);
        PortAudio.StreamParameters parameters = new PortAudio.StreamParameters();
        String name;
        int wanted = input ? 1 : 2;
        if (device != null && device.startsWith(ALSA_PREFIX)) {
            String pcm = device.substring(ALSA_PREFIX.length());
            if (pcm.isEmpty()) {
                throw new AudioDeviceException("'" + device + "' names no ALSA device: write alsa:NAME, e.g. alsa:pulse");
            }
            PortAudio.AlsaStreamInfo alsa = new PortAudio.AlsaStreamInfo(pcm);
            parameters.device = PortAudio.paUseHostApiSpecificDeviceSpecification;
            parameters.hostApiSpecificStreamInfo = alsa.getPointer();
            parameters.channelCount = wanted;
            name = device;
            return openStream(name, direction, parameters, options, alsa);
        }
        Listed chosen = find(device, listed);
        if (chosen == null) {
            throw new NoSuchAudioDeviceException(name(), direction, device, devices(listed));
        }
        parameters.device = chosen.index();
        parameters.channelCount = Math.min(wanted, chosen.channels());
        return openStream(chosen.device().name(), direction, parameters, options, null);
    }

    private static List<AudioDevice> devices(List<Listed> listed) {
        return listed.stream().map(Listed::device).toList();
    }

    private static Listed find(String device, List<Listed> listed) {
        for (Listed l : listed) {
            if (device == null ? l.device().isDefault() : l.device().name().equals(device)) {
                return l;
            }
        }
        if (device == null) {
            return null;
        }
        Listed match = null;
        for (Listed l : listed) {
            if (l.device().name().equalsIgnoreCase(device)) {
                if (match != null) {
                    return null;
                }
                match = l;
            }
        }
        return match;
    }

    /** {@code keepAlive} holds the ALSA stream info's native memory for as long as the stream lives. */
    private Opened openStream(String name, String direction, PortAudio.StreamParameters parameters, StreamOptions options,
            Object keepAlive) throws AudioDeviceException {
        parameters.sampleFormat = new NativeLong(PortAudio.paInt16);
        parameters.suggestedLatency = options.bufferMillis() / 1000.0;
        boolean input = direction.equals("capture");
        PointerByReference stream = new PointerByReference();
        synchronized (PA) {
            int code = PortAudio.Pa_OpenStream(stream, input ? parameters : null, input ? null : parameters,
                    StreamOptions.SAMPLE_RATE, new NativeLong(options.frameSamples()), new NativeLong(0), null, null);
            if (code != PortAudio.paNoError) {
                throw new AudioDeviceException("PortAudio cannot open the " + direction + " device '" + name
                        + "' for 48 kHz " + (parameters.channelCount == 1 ? "mono" : "stereo") + " 16-bit: "
                        + PortAudio.Pa_GetErrorText(code));
            }
            PortAudio.StreamInfo info = new PortAudio.StreamInfo(PortAudio.Pa_GetStreamInfo(stream.getValue()));
            double latency = input ? info.inputLatency : info.outputLatency;
            log.debug("PortAudio {} on {} open: latency {} ms", direction, name, 1000 * latency);
            return new Opened(name, stream.getValue(), parameters.channelCount, latency, keepAlive);
        }
    }

    private static void start(Opened opened, String direction) throws AudioDeviceException {
        synchronized (PA) {
            int code = PortAudio.Pa_StartStream(opened.stream());
            if (code != PortAudio.paNoError) {
                throw new AudioDeviceException("PortAudio cannot start " + direction + " on '" + opened.name() + "': "
                        + PortAudio.Pa_GetErrorText(code));
            }
        }
    }

    private static void close(Opened opened) {
        synchronized (PA) {
            PortAudio.Pa_AbortStream(opened.stream());
            int code = PortAudio.Pa_CloseStream(opened.stream());
            if (code != PortAudio.paNoError) {
                log.warn("PortAudio could not close the stream on {}: {}", opened.name(), PortAudio.Pa_GetErrorText(code));
            }
        }
    }

    private static final class PaCapture implements DeviceLine.CaptureLine {

        private final Opened opened;
        private final Memory buffer;
        private final NativeLong frames;
        private volatile long overruns;

        PaCapture(Opened opened, StreamOptions options) {
            this.opened = opened;
            this.buffer = new Memory(2L * options.frameSamples());
            this.frames = new NativeLong(options.frameSamples());
        }

        @Override
        public double bufferMillis() {
            return 1000 * opened.latencySeconds();
        }

        @Override
        public void begin() throws AudioDeviceException {
            start(opened, "capture");
        }

        @Override
        public int read(short[] mono, int count) throws AudioDeviceException {
            int code = PortAudio.Pa_ReadStream(opened.stream(), buffer, count == frames.intValue() ? frames : new NativeLong(count));
            if (code == PortAudio.paInputOverflowed) {
                overruns++; // one writer
            } else if (code != PortAudio.paNoError) {
                throw new AudioDeviceException("PortAudio capture on '" + opened.name() + "' failed: "
                        + PortAudio.Pa_GetErrorText(code));
            }
            buffer.read(0, mono, 0, count);
            return count;
        }

        @Override
        public long overruns() {
            return overruns;
        }

        @Override
        public void interrupt() {
            // Pa_ReadStream returns within one frame.
        }

        @Override
        public void release() {
            close(opened);
        }
    }

    private static final class PaPlayback implements DeviceLine.PlaybackLine {

        private final Opened opened;
        private final Memory buffer;
        private final short[] mono;
        private final NativeLong frameCount;
        private volatile long underruns;
        /** Writes left before underflows count: the device starts before the first frame is there. */
        private int warmUp;

        PaPlayback(Opened opened, StreamOptions options) {
            this.opened = opened;
            this.buffer = new Memory(2L * opened.channels() * options.frameSamples());
            this.mono = opened.channels() == 1 ? new short[options.frameSamples()] : null;
            this.frameCount = new NativeLong(options.frameSamples());
            this.warmUp = (int) Math.ceil(WARM_UP_NANOS / (double) options.frameNanos());
        }

        @Override
        public double bufferMillis() {
            return 1000 * opened.latencySeconds();
        }

        @Override
        public void begin() throws AudioDeviceException {
            start(opened, "playback");
        }

        @Override
        public void write(short[] stereo, int frames) throws AudioDeviceException {
            if (mono != null) {
                for (int i = 0; i < frames; i++) {
                    mono[i] = (short) ((stereo[2 * i] + stereo[2 * i + 1]) >> 1);
                }
                buffer.write(0, mono, 0, frames);
            } else {
                buffer.write(0, stereo, 0, 2 * frames);
            }
            int code = PortAudio.Pa_WriteStream(opened.stream(), buffer,
                    frames == frameCount.intValue() ? frameCount : new NativeLong(frames));
            if (code == PortAudio.paOutputUnderflowed) {
                if (warmUp == 0) {
                    underruns++; // one writer
                }
            } else if (code != PortAudio.paNoError) {
                throw new AudioDeviceException("PortAudio playback on '" + opened.name() + "' failed: "
                        + PortAudio.Pa_GetErrorText(code));
            }
            if (warmUp > 0) {
                warmUp--;
            }
        }

        @Override
        public long underruns() {
            return underruns;
        }

        @Override
        public void interrupt() {
            // Pa_WriteStream returns within one buffer.
        }

        @Override
        public void release() {
            close(opened);
        }
    }
}
