package dev.confab.client.audio.device;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PulseAudio (and PipeWire's PulseAudio server) through libpulse's simple API and JNA, with the
 * stream's buffering asked for exactly.
 *
 * <h2>Why it exists</h2>
 * Java Sound and PortAudio reach PulseAudio through ALSA's pulse plugin, which keeps its own
 * buffer on top of the one asked for: the latency benchmark measured the engine's two device
 * streams at 89 to 101 ms through it where the buffers asked for add up to 60 ms. Here each
 * stream is a pa_simple stream, which libpulse connects with PA_STREAM_ADJUST_LATENCY, so the
 * buffer attributes are end-to-end: playback asks for a target length of {@link
 * StreamOptions#bufferMillis()}, starting once one frame is there and topped up in eighths of a
 * frame; capture for fragments of a quarter frame; the server sets the sink's and source's own
 * latency to match.
 *
 * <h2>Loading</h2>
 * libpulse-simple.so.0 and libpulse.so.0 (Debian's libpulse0, installed with any PulseAudio or
 * PipeWire desktop), bound once for the process. The server is libpulse's usual choice
 * ({@code PULSE_SERVER}, the user's socket, then /run/pulse/native); autospawning a server is
 * never asked for.
 *
 * <h2>Devices</h2>
 * PulseAudio's own sink and source names ({@code alsa_output.pci-0000_00_1f.3.analog-stereo},
 * {@code confab_speaker.monitor}), with the server's descriptions; monitors of sinks are capture
 * devices, as PulseAudio lists them. No name is the server's default.
 *
 * <h2>Counting</h2>
 * The simple API reports no underflow or overflow events, and its latency figure is interpolated
 * from timing updates that trail by up to a second, so they are told from the clock, never
 * wrongly: a write that starts more than the playback buffer's length after the last one returned
 * found nothing left to play (an underrun); a read that starts more than {@value
 * #CAPTURE_MAX_FRAMES} frames (the capture buffer asked for) after the last one began found the
 * buffer overflowed (an overrun). Shorter stalls can still lose audio without being counted.
 */
public final class PulseAudioBackend implements AudioBackend {

    private static final Logger log = LoggerFactory.getLogger(PulseAudioBackend.class);

    private static final String SIMPLE_LIBRARY = "libpulse-simple.so.0";
    private static final String PULSE_LIBRARY = "libpulse.so.0";
    private static final String CLIENT_NAME = "confab";
    private static final int PA_CONTEXT_NOAUTOSPAWN = 1;
    private static final long LIST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * How often per frame the server asks for more playback data. At one request per frame the
     * buffer is topped up a whole frame at a time, so a frame's samples wait the full target
     * length plus most of a frame (41 ms measured for 30 ms asked, 20 ms frames); small requests
     * keep it near the target (20 ms measured).
     */
    private static final int PLAYBACK_REQUESTS_PER_FRAME = 8;
    /** How many pieces the server delivers a captured frame in. */
    private static final int CAPTURE_FRAGMENTS_PER_FRAME = 4;
    /** Frames of captured audio the server keeps for a reader that is late; more are lost. */
    private static final int CAPTURE_MAX_FRAMES = 10;

    private static final Object LOAD = new Object();
    /** Null once bound; else why not (tried again on the next call: it may have been installed since). */
    private static String loadFailure = "not loaded yet";
    private static String version;

    @Override
    public String name() {
        return "pulse";
    }

    @Override
    public boolean available() {
        return ensureLoaded() == null;
    }

    @Override
    public String status() {
        String failure = ensureLoaded();
        return failure != null ? failure : "libpulse " + version;
    }

    @Override
    public List<AudioDevice> captureDevices() throws AudioDeviceException {
        return list(true);
    }

    @Override
    public List<AudioDevice> playbackDevices() throws AudioDeviceException {
        return list(false);
    }

    @Override
    public CaptureStream openCapture(String device, StreamOptions options, FrameConsumer consumer) throws AudioDeviceException {
        Opened opened = open(device, true, options);
        return new DeviceStream.Capture(name(), opened.name(), options, new PulseCapture(opened, options), consumer);
    }

    @Override
    public PlaybackStream openPlayback(String device, StreamOptions options, FrameSource source) throws AudioDeviceException {
        Opened opened = open(device, false, options);
        return new DeviceStream.Playback(name(), opened.name(), options, new PulsePlayback(opened, options), source);
    }

    private static String ensureLoaded() {
        synchronized (LOAD) {
            if (loadFailure == null) {
                return null;
            }
            try {
                PulseAudio.bind(NativeLibrary.getInstance(SIMPLE_LIBRARY), NativeLibrary.getInstance(PULSE_LIBRARY));
            } catch (UnsatisfiedLinkError e) {
                log.debug("libpulse not loaded", e);
                loadFailure = "PulseAudio is not available: " + SIMPLE_LIBRARY + " and " + PULSE_LIBRARY
                        + " could not be loaded (on Debian: apt-get install libpulse0)";
                return loadFailure;
            }
            version = PulseAudio.Pulse.pa_get_library_version();
            loadFailure = null;
            return null;
        }
    }

    private static void requireLoaded() throws AudioDeviceException {
        String failure = ensureLoaded();
        if (failure != null) {
            throw new AudioDeviceException(failure);
        }
    }

    /**
     * Asks the server for its sinks or sources on a private main loop, iterated here until the
     * answer is complete: the callbacks run on this thread.
     */
    private List<AudioDevice> list(boolean capture) throws AudioDeviceException {
        requireLoaded();
        Pointer mainloop = PulseAudio.Pulse.pa_mainloop_new();
        Pointer context = PulseAudio.Pulse.pa_context_new(PulseAudio.Pulse.pa_mainloop_get_api(mainloop), CLIENT_NAME);
        try {
            long deadline = System.nanoTime() + LIST_TIMEOUT_NANOS;
            if (PulseAudio.Pulse.pa_context_connect(context, null, PA_CONTEXT_NOAUTOSPAWN, null) < 0) {
                throw new AudioDeviceException(noServer(PulseAudio.Pulse.pa_context_errno(context)));
            }
            int state;
            while ((state = PulseAudio.Pulse.pa_context_get_state(context)) != PulseAudio.PA_CONTEXT_READY) {
                if (state == PulseAudio.PA_CONTEXT_FAILED || state == PulseAudio.PA_CONTEXT_TERMINATED) {
                    throw new AudioDeviceException(noServer(PulseAudio.Pulse.pa_context_errno(context)));
                }
                iterate(mainloop, deadline);
            }
            String[] defaults = new String[1];
            PulseAudio.ServerInfoCallback onServer = (c, info, user) -> defaults[0] = info == null ? null
                    : stringAt(info, capture ? PulseAudio.SERVER_DEFAULT_SOURCE : PulseAudio.SERVER_DEFAULT_SINK);
            complete(mainloop, PulseAudio.Pulse.pa_context_get_server_info(context, onServer, null), deadline);
            List<String[]> found = new ArrayList<>();
            PulseAudio.InfoCallback onDevice = (c, info, endOfList, user) -> {
                if (endOfList == 0 && info != null) {
                    found.add(new String[] {stringAt(info, PulseAudio.INFO_NAME), stringAt(info, PulseAudio.INFO_DESCRIPTION)});
                }
            };
            complete(mainloop, capture ? PulseAudio.Pulse.pa_context_get_source_info_list(context, onDevice, null)
                    : PulseAudio.Pulse.pa_context_get_sink_info_list(context, onDevice, null), deadline);
            List<AudioDevice> devices = new ArrayList<>();
            for (String[] device : found) {
                devices.add(new AudioDevice(device[0], device[1], device[0].equals(defaults[0])));
            }
            return devices;
        } finally {
            PulseAudio.Pulse.pa_context_disconnect(context);
            PulseAudio.Pulse.pa_context_unref(context);
            PulseAudio.Pulse.pa_mainloop_free(mainloop);
        }
    }

    private static String noServer(int error) {
        return "PulseAudio: no server to talk to (" + PulseAudio.Pulse.pa_strerror(error) + ")";
    }

    private static String stringAt(Pointer struct, int offset) {
        Pointer text = struct.getPointer(offset);
        return text == null ? "" : text.getString(0);
    }

    private static void complete(Pointer mainloop, Pointer operation, long deadline) throws AudioDeviceException {
        if (operation == null) {
            throw new AudioDeviceException("PulseAudio refused to list devices");
        }
        try {
            while (PulseAudio.Pulse.pa_operation_get_state(operation) == PulseAudio.PA_OPERATION_RUNNING) {
                iterate(mainloop, deadline);
            }
        } finally {
            PulseAudio.Pulse.pa_operation_unref(operation);
        }
    }

    /** One turn of the main loop without blocking in native code, so the deadline holds. */
    private static void iterate(Pointer mainloop, long deadline) throws AudioDeviceException {
        if (PulseAudio.Pulse.pa_mainloop_iterate(mainloop, 0, null) < 0) {
            throw new AudioDeviceException("PulseAudio's main loop failed while listing devices");
        }
        if (System.nanoTime() > deadline) {
            throw new AudioDeviceException("PulseAudio did not answer within "
                    + TimeUnit.NANOSECONDS.toSeconds(LIST_TIMEOUT_NANOS) + " s");
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AudioDeviceException("interrupted while listing PulseAudio devices");
        }
    }

    /** An open pa_simple stream, and the frame size it was asked for. */
    private record Opened(String name, Pointer stream, int frameBytes, double bufferMillis) {
    }

    private Opened open(String device, boolean capture, StreamOptions options) throws AudioDeviceException {
        String direction = capture ? "capture" : "playback";
        List<AudioDevice> devices = list(capture);
        AudioDevice chosen = null;
        for (AudioDevice listed : devices) {
            if (device == null ? listed.isDefault() : listed.name().equals(device)) {
                chosen = listed;
            }
        }
        if (device != null && chosen == null) {
            throw new NoSuchAudioDeviceException(name(), direction, device, devices);
        }
        int channels = capture ? 1 : 2;
        int frameBytes = 2 * channels * options.frameSamples();
        PulseAudio.BufferAttr attributes = new PulseAudio.BufferAttr();
        if (capture) {
            attributes.fragsize = frameBytes / CAPTURE_FRAGMENTS_PER_FRAME;
            attributes.maxlength = CAPTURE_MAX_FRAMES * frameBytes;
        } else {
            attributes.tlength = 2 * channels * options.bufferSamples();
            attributes.prebuf = frameBytes;
            attributes.minreq = frameBytes / PLAYBACK_REQUESTS_PER_FRAME;
        }
        IntByReference error = new IntByReference();
        Pointer stream = PulseAudio.Simple.pa_simple_new(null, CLIENT_NAME,
                capture ? PulseAudio.PA_STREAM_RECORD : PulseAudio.PA_STREAM_PLAYBACK, device,
                capture ? "voice capture" : "voice playback",
                new PulseAudio.SampleSpec(PulseAudio.PA_SAMPLE_S16LE, StreamOptions.SAMPLE_RATE, channels), null,
                attributes, error);
        String name = chosen != null ? chosen.name() : "default";
        if (stream == null) {
            throw new AudioDeviceException("PulseAudio cannot open the " + direction + " device '" + name + "' for 48 kHz "
                    + (capture ? "mono" : "stereo") + " 16-bit: " + PulseAudio.Pulse.pa_strerror(error.getValue()));
        }
        double bufferMillis = capture ? options.frameNanos() / 1e6 : options.bufferMillis();
        log.debug("PulseAudio {} on {} open: {} ms", direction, name, bufferMillis);
        return new Opened(name, stream, frameBytes, bufferMillis);
    }

    private static AudioDeviceException failed(Opened opened, String direction, IntByReference error) {
        return new AudioDeviceException("PulseAudio " + direction + " on '" + opened.name() + "' failed: "
                + PulseAudio.Pulse.pa_strerror(error.getValue()));
    }

    private static final class PulseCapture implements DeviceLine.CaptureLine {

        private final Opened opened;
        private final Memory buffer;
        private final IntByReference error = new IntByReference();
        private final long frameNanos;
        /** A read that starts this long after the last one began found the server's buffer overflowed. */
        private final long overrunNanos;
        private long lastRead;
        private volatile long overruns;

        PulseCapture(Opened opened, StreamOptions options) {
            this.opened = opened;
            this.buffer = new Memory(opened.frameBytes());
            this.frameNanos = options.frameNanos();
            this.overrunNanos = CAPTURE_MAX_FRAMES * frameNanos;
        }

        @Override
        public double bufferMillis() {
            return opened.bufferMillis();
        }

        /**
         * The stream records from the moment it is made, so by the first read its buffer holds
         * what was said before anyone listened: frames that are there at once are read and
         * dropped, up to a buffer's worth.
         */
        @Override
        public void begin() throws AudioDeviceException {
            for (int i = 0; i <= CAPTURE_MAX_FRAMES; i++) {
                long started = System.nanoTime();
                readFrame();
                if (System.nanoTime() - started > frameNanos / 4) {
                    break;
                }
            }
            lastRead = System.nanoTime();
        }

        @Override
        public int read(short[] mono, int count) throws AudioDeviceException {
            long now = System.nanoTime();
            if (now - lastRead > overrunNanos) {
                overruns++; // one writer
            }
            lastRead = now;
            readFrame();
            buffer.read(0, mono, 0, count);
            return count;
        }

        private void readFrame() throws AudioDeviceException {
            if (PulseAudio.Simple.pa_simple_read(opened.stream(), buffer, opened.frameBytes(), error) < 0) {
                throw failed(opened, "capture", error);
            }
        }

        @Override
        public long overruns() {
            return overruns;
        }

        @Override
        public void interrupt() {
            // pa_simple_read returns within one frame.
        }

        @Override
        public void release() {
            PulseAudio.Simple.pa_simple_free(opened.stream());
        }
    }

    private static final class PulsePlayback implements DeviceLine.PlaybackLine {

        private final Opened opened;
        private final Memory buffer;
        private final IntByReference error = new IntByReference();
        /** A write that starts this long after the last one returned found nothing left to play. */
        private final long underrunNanos;
        private long lastWritten;
        private volatile long underruns;

        PulsePlayback(Opened opened, StreamOptions options) {
            this.opened = opened;
            this.buffer = new Memory(opened.frameBytes());
            this.underrunNanos = TimeUnit.MILLISECONDS.toNanos(options.bufferMillis());
        }

        @Override
        public double bufferMillis() {
            return opened.bufferMillis();
        }

        @Override
        public void begin() {
            // Playback starts with the first frame written (pre-buffering is one frame).
        }

        @Override
        public void write(short[] stereo, int frames) throws AudioDeviceException {
            if (lastWritten != 0 && System.nanoTime() - lastWritten > underrunNanos) {
                underruns++; // one writer
            }
            buffer.write(0, stereo, 0, 2 * frames);
            if (PulseAudio.Simple.pa_simple_write(opened.stream(), buffer, 4L * frames, error) < 0) {
                throw failed(opened, "playback", error);
            }
            lastWritten = System.nanoTime();
        }

        @Override
        public long underruns() {
            return underruns;
        }

        @Override
        public void interrupt() {
            // pa_simple_write returns within one buffer.
        }

        @Override
        public void release() {
            PulseAudio.Simple.pa_simple_free(opened.stream());
        }
    }
}
