package dev.confab.client.audio.device;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread, state machine and counters every backend's streams share; a backend supplies only
 * a {@link DeviceLine}. The stream's thread is a daemon at maximum priority that loops one frame
 * at a time until the input ends, an error, or {@link #close()}; the device is released by that
 * thread when it ends (or by {@code close()} if it never started).
 */
abstract sealed class DeviceStream implements AudioStream {

    private static final Logger log = LoggerFactory.getLogger(DeviceStream.class);

    private static final long JOIN_MILLIS = 1000;

    private final String backend;
    private final String device;
    private final StreamOptions options;
    private final DeviceLine line;
    private final Object lock = new Object();
    private final CountDownLatch ended = new CountDownLatch(1);

    private volatile StreamState state = StreamState.OPENED;
    private volatile AudioDeviceException failure;
    /** Written by the stream's thread only. */
    protected volatile long frames;
    /** Guarded by lock. */
    private Thread thread;
    private boolean released;

    DeviceStream(String backend, String device, StreamOptions options, DeviceLine line) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.device = Objects.requireNonNull(device, "device");
        this.options = Objects.requireNonNull(options, "options");
        this.line = Objects.requireNonNull(line, "line");
    }

    /** "capture" or "playback". */
    abstract String direction();

    /** Moves one frame; false when the input has ended. Runs on the stream's thread. */
    abstract boolean step() throws AudioDeviceException;

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final String device() {
        return device;
    }

    @Override
    public final StreamOptions options() {
        return options;
    }

    @Override
    public final double bufferMillis() {
        return line.bufferMillis();
    }

    @Override
    public final StreamState state() {
        return state;
    }

    @Override
    public final AudioDeviceException failure() {
        return failure;
    }

    @Override
    public final long frames() {
        return frames;
    }

    @Override
    public final void start() {
        synchronized (lock) {
            if (state != StreamState.OPENED) {
                throw new IllegalStateException("the " + direction() + " stream on '" + device + "' was already "
                        + (state == StreamState.CLOSED ? "closed" : "started"));
            }
            state = StreamState.RUNNING;
            thread = new Thread(this::run, "audio-" + backend + "-" + direction());
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            thread.start();
        }
    }

    private void run() {
        StreamState end = StreamState.FINISHED;
        try {
            line.begin();
            while (state == StreamState.RUNNING) {
                if (!step()) {
                    break;
                }
            }
        } catch (AudioDeviceException e) {
            end = failed(e);
        } catch (RuntimeException | Error e) {
            end = failed(new AudioDeviceException(direction() + " on the " + backend + " device '" + device
                    + "' failed: " + e, e));
        } finally {
            synchronized (lock) {
                if (state == StreamState.RUNNING) {
                    state = end;
                }
            }
            releaseOnce();
            ended.countDown();
        }
    }

    private StreamState failed(AudioDeviceException e) {
        if (state == StreamState.CLOSED) {
            log.debug("{} on {} ended while closing: {}", direction(), device, e.toString());
            return StreamState.CLOSED;
        }
        failure = e;
        log.warn("{} stream stopped: {}", direction(), e.getMessage(), e.getCause());
        return StreamState.FAILED;
    }

    @Override
    public final boolean awaitEnd(Duration timeout) throws InterruptedException {
        synchronized (lock) {
            if (thread == null && state == StreamState.OPENED) {
                return false;
            }
        }
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public final void close() {
        Thread running;
        synchronized (lock) {
            if (state == StreamState.CLOSED) {
                return;
            }
            state = StreamState.CLOSED;
            running = thread;
        }
        if (running == null) {
            releaseOnce();
            ended.countDown();
            return;
        }
        line.interrupt();
        LockSupport.unpark(running);
        if (running != Thread.currentThread()) {
            try {
                running.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (running.isAlive()) {
                log.warn("the {} thread on {} did not stop within {} ms; it releases the device when the device returns",
                        direction(), device, JOIN_MILLIS);
            }
        }
    }

    private void releaseOnce() {
        synchronized (lock) {
            if (released) {
                return;
            }
            released = true;
        }
        try {
            line.release();
        } catch (RuntimeException e) {
            log.warn("releasing the {} device {} failed", direction(), device, e);
        }
    }

    @Override
    public String toString() {
        return backend + " " + direction() + " '" + device + "' " + state;
    }

    /** A capture stream over a {@link DeviceLine.CaptureLine}. */
    static final class Capture extends DeviceStream implements CaptureStream {

        private final DeviceLine.CaptureLine line;
        private final FrameConsumer consumer;
        private final short[] frame;

        Capture(String backend, String device, StreamOptions options, DeviceLine.CaptureLine line, FrameConsumer consumer) {
            super(backend, device, options, line);
            this.line = line;
            this.consumer = Objects.requireNonNull(consumer, "consumer");
            this.frame = new short[options.frameSamples()];
        }

        @Override
        String direction() {
            return "capture";
        }

        @Override
        boolean step() throws AudioDeviceException {
            int read = line.read(frame, frame.length);
            if (read < 0) {
                return false;
            }
            // A short read means the stream is closing: only whole frames are handed on.
            if (read == frame.length && state() == StreamState.RUNNING) {
                consumer.accept(frame, read);
                frames += read;
            }
            return true;
        }

        @Override
        public long overruns() {
            return line.overruns();
        }
    }

    /** A playback stream over a {@link DeviceLine.PlaybackLine}. */
    static final class Playback extends DeviceStream implements PlaybackStream {

        private final DeviceLine.PlaybackLine line;
        private final FrameSource source;
        private final short[] frame;

        Playback(String backend, String device, StreamOptions options, DeviceLine.PlaybackLine line, FrameSource source) {
            super(backend, device, options, line);
            this.line = line;
            this.source = Objects.requireNonNull(source, "source");
            this.frame = new short[2 * options.frameSamples()];
        }

        @Override
        String direction() {
            return "playback";
        }

        @Override
        boolean step() throws AudioDeviceException {
            Arrays.fill(frame, (short) 0);
            int count = options().frameSamples();
            source.fill(frame, count);
            line.write(frame, count);
            frames += count;
            return true;
        }

        @Override
        public long underruns() {
            return line.underruns();
        }
    }
}
