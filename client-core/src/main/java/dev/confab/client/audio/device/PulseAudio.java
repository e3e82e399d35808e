package dev.confab.client.audio.device;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/**
 * The part of libpulse's C API the PulseAudio backend uses, bound with JNA direct mapping: the
 * simple API (one blocking stream each) from libpulse-simple.so.0, and from libpulse.so.0 the
 * error texts and the few asynchronous calls that list devices on a private main loop. Nothing
 * here is usable until {@link #bind} has succeeded. Layouts follow pulse/sample.h, def.h,
 * introspect.h and simple.h on LP64 Linux.
 */
final class PulseAudio {

    static final int PA_SAMPLE_S16LE = 3;
    static final int PA_STREAM_PLAYBACK = 1;
    static final int PA_STREAM_RECORD = 2;
    /** "Let the server choose" for any pa_buffer_attr field. */
    static final int DEFAULT_ATTRIBUTE = -1;

    static final int PA_CONTEXT_READY = 4;
    static final int PA_CONTEXT_FAILED = 5;
    static final int PA_CONTEXT_TERMINATED = 6;
    static final int PA_OPERATION_RUNNING = 0;

    /** Offsets in pa_sink_info and pa_source_info, which both start {name, index, description}. */
    static final int INFO_NAME = 0;
    static final int INFO_DESCRIPTION = 16;
    /** Offsets in pa_server_info: four strings, a pa_sample_spec (12 bytes, padded to 16), then these. */
    static final int SERVER_DEFAULT_SINK = 48;
    static final int SERVER_DEFAULT_SOURCE = 56;

    private PulseAudio() {
    }

    /** Binds both halves: the simple API and libpulse itself. */
    static void bind(NativeLibrary simple, NativeLibrary pulse) {
        Native.register(Simple.class, simple);
        Native.register(Pulse.class, pulse);
    }

    /** pa_sample_spec. */
    @Structure.FieldOrder({"format", "rate", "channels"})
    public static final class SampleSpec extends Structure {
        public int format;
        public int rate;
        public byte channels;

        SampleSpec(int format, int rate, int channels) {
            this.format = format;
            this.rate = rate;
            this.channels = (byte) channels;
        }
    }

    /** pa_buffer_attr, in bytes; {@link #DEFAULT_ATTRIBUTE} lets the server choose. */
    @Structure.FieldOrder({"maxlength", "tlength", "prebuf", "minreq", "fragsize"})
    public static final class BufferAttr extends Structure {
        public int maxlength = DEFAULT_ATTRIBUTE;
        public int tlength = DEFAULT_ATTRIBUTE;
        public int prebuf = DEFAULT_ATTRIBUTE;
        public int minreq = DEFAULT_ATTRIBUTE;
        public int fragsize = DEFAULT_ATTRIBUTE;
    }

    /** libpulse-simple: one blocking stream. */
    static final class Simple {
        private Simple() {
        }

        static native Pointer pa_simple_new(String server, String name, int direction, String device, String streamName,
                SampleSpec spec, Pointer channelMap, BufferAttr attributes, IntByReference error);

        static native int pa_simple_read(Pointer stream, Pointer data, long bytes, IntByReference error);

        static native int pa_simple_write(Pointer stream, Pointer data, long bytes, IntByReference error);

        /** Microseconds, or (uint64) -1 with {@code error} set. */
        static native long pa_simple_get_latency(Pointer stream, IntByReference error);

        static native void pa_simple_free(Pointer stream);
    }

    /** pa_sink_info_cb_t and pa_source_info_cb_t: one device per call, then one call with endOfList set. */
    interface InfoCallback extends Callback {
        void invoke(Pointer context, Pointer info, int endOfList, Pointer userData);
    }

    /** pa_server_info_cb_t. */
    interface ServerInfoCallback extends Callback {
        void invoke(Pointer context, Pointer info, Pointer userData);
    }

    /** libpulse: errors, version and a private main loop for listing devices. */
    static final class Pulse {
        private Pulse() {
        }

        static native String pa_strerror(int error);

        static native String pa_get_library_version();

        static native Pointer pa_mainloop_new();

        static native Pointer pa_mainloop_get_api(Pointer mainloop);

        static native int pa_mainloop_iterate(Pointer mainloop, int block, IntByReference result);

        static native void pa_mainloop_free(Pointer mainloop);

        static native Pointer pa_context_new(Pointer api, String name);

        static native int pa_context_connect(Pointer context, String server, int flags, Pointer spawnApi);

        static native int pa_context_get_state(Pointer context);

        static native int pa_context_errno(Pointer context);

        static native void pa_context_disconnect(Pointer context);

        static native void pa_context_unref(Pointer context);

        static native Pointer pa_context_get_sink_info_list(Pointer context, InfoCallback callback, Pointer userData);

        static native Pointer pa_context_get_source_info_list(Pointer context, InfoCallback callback, Pointer userData);

        static native Pointer pa_context_get_server_info(Pointer context, ServerInfoCallback callback, Pointer userData);

        static native int pa_operation_get_state(Pointer operation);

        static native void pa_operation_unref(Pointer operation);
    }
}
