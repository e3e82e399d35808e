package dev.confab.client.audio.device;

/**
 * What a backend implements for one open device; {@link DeviceStream} supplies the thread, the
 * state and the counting. {@link #begin()}, {@link CaptureLine#read} and {@link
 * PlaybackLine#write} are called on the stream's thread only; {@link #interrupt()} from the
 * closing thread; {@link #release()} exactly once, from whichever thread ends last.
 */
interface DeviceLine {

    /** The device buffer obtained, in milliseconds. */
    double bufferMillis();

    /** Starts the device, on the stream's thread, just before the first read or write. */
    void begin() throws AudioDeviceException;

    /** Makes a blocked read or write return soon: the stream is closing. Any thread. */
    void interrupt();

    /** Releases the device. Must not throw. */
    void release();

    /** Capture: reads mono frames. */
    interface CaptureLine extends DeviceLine {
        /**
         * Reads {@code frames} samples, blocking until they are there.
         *
         * @return the samples read: {@code frames}, fewer if interrupted or at the end of a file,
         *         or -1 when the input has ended
         */
        int read(short[] mono, int frames) throws AudioDeviceException;

        /** Reads that found the buffer full (see {@link CaptureStream#overruns()}). */
        long overruns();
    }

    /** Playback: writes stereo frames. */
    interface PlaybackLine extends DeviceLine {
        /** Writes {@code frames} interleaved stereo frames, blocking while the device buffer is full. */
        void write(short[] stereo, int frames) throws AudioDeviceException;

        /** Writes that found the buffer empty (see {@link PlaybackStream#underruns()}). */
        long underruns();
    }
}
