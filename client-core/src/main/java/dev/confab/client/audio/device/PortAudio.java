package dev.confab.client.audio.device;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of PortAudio V19's C API the PortAudio backend uses, bound with JNA direct mapping
 * (static natives: no per-call reflection). Nothing here is usable until {@link #bind(String)}
 * has succeeded. Layouts follow portaudio.h and pa_linux_alsa.h.
 */
final class PortAudio {

    static final int paNoError = 0;
    static final int paNoDevice = -1;
    static final int paUseHostApiSpecificDeviceSpecification = -2;
    static final long paInt16 = 0x8;
    static final int paALSA = 8;
    static final int paInputOverflowed = -9981;
    static final int paOutputUnderflowed = -9980;

    private PortAudio() {
    }

    /** Binds the natives below to {@code library}. */
    static void bind(NativeLibrary library) {
        Native.register(PortAudio.class, library);
    }

    static native int Pa_Initialize();

    static native String Pa_GetVersionText();

    static native String Pa_GetErrorText(int code);

    static native int Pa_GetDeviceCount();

    static native int Pa_GetDefaultInputDevice();

    static native int Pa_GetDefaultOutputDevice();

    static native Pointer Pa_GetDeviceInfo(int device);

    static native Pointer Pa_GetHostApiInfo(int hostApi);

    static native int Pa_OpenStream(PointerByReference stream, StreamParameters input, StreamParameters output,
            double sampleRate, NativeLong framesPerBuffer, NativeLong flags, Pointer callback, Pointer userData);

    static native int Pa_StartStream(Pointer stream);

    static native int Pa_AbortStream(Pointer stream);

    static native int Pa_CloseStream(Pointer stream);

    static native Pointer Pa_GetStreamInfo(Pointer stream);

    static native int Pa_ReadStream(Pointer stream, Pointer buffer, NativeLong frames);

    static native int Pa_WriteStream(Pointer stream, Pointer buffer, NativeLong frames);

    /** PaDeviceInfo. */
    @Structure.FieldOrder({"structVersion", "name", "hostApi", "maxInputChannels", "maxOutputChannels",
        "defaultLowInputLatency", "defaultLowOutputLatency", "defaultHighInputLatency", "defaultHighOutputLatency",
        "defaultSampleRate"})
    public static final class DeviceInfo extends Structure {
        public int structVersion;
        public String name;
        public int hostApi;
        public int maxInputChannels;
        public int maxOutputChannels;
        public double defaultLowInputLatency;
        public double defaultLowOutputLatency;
        public double defaultHighInputLatency;
        public double defaultHighOutputLatency;
        public double defaultSampleRate;

        public DeviceInfo(Pointer p) {
            super(p);
            read();
        }
    }

    /** PaHostApiInfo. */
    @Structure.FieldOrder({"structVersion", "type", "name", "deviceCount", "defaultInputDevice", "defaultOutputDevice"})
    public static final class HostApiInfo extends Structure {
        public int structVersion;
        public int type;
        public String name;
        public int deviceCount;
        public int defaultInputDevice;
        public int defaultOutputDevice;

        public HostApiInfo(Pointer p) {
            super(p);
            read();
        }
    }

    /** PaStreamParameters. */
    @Structure.FieldOrder({"device", "channelCount", "sampleFormat", "suggestedLatency", "hostApiSpecificStreamInfo"})
    public static final class StreamParameters extends Structure {
        public int device;
        public int channelCount;
        public NativeLong sampleFormat;
        public double suggestedLatency;
        public Pointer hostApiSpecificStreamInfo;
    }

    /** PaStreamInfo. */
    @Structure.FieldOrder({"structVersion", "inputLatency", "outputLatency", "sampleRate"})
    public static final class StreamInfo extends Structure {
        public int structVersion;
        public double inputLatency;
        public double outputLatency;
        public double sampleRate;

        public StreamInfo(Pointer p) {
            super(p);
            read();
        }
    }

    /** PaAlsaStreamInfo: opens any ALSA PCM by its name, listed or not. */
    @Structure.FieldOrder({"size", "hostApiType", "version", "deviceString"})
    public static final class AlsaStreamInfo extends Structure {
        public NativeLong size;
        public int hostApiType;
        public NativeLong version;
        public String deviceString;

        public AlsaStreamInfo(String device) {
            hostApiType = paALSA;
            version = new NativeLong(1);
            deviceString = device;
            size = new NativeLong(size());
            write();
        }
    }
}
