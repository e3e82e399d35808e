package dev.confab.client.audio.device;

import java.time.Duration;

/**
 * An open capture or playback stream. It holds its device from the moment it is opened; {@link
 * #start()} starts its thread, {@link #close()} stops it and releases the device. State and
 * counters may be read from any thread.
 */
public interface AudioStream extends AutoCloseable {

    /** The backend that opened it ({@link AudioBackend#name()}). */
    String backend();

    /** The device opened, by the name the backend lists (or a file path for the WAV backend). */
    String device();

    StreamOptions options();

    /**
     * The device buffer actually obtained, in milliseconds: the latency this stream's device side
     * adds at most. It may differ a little from {@link StreamOptions#bufferMillis()}.
     */
    double bufferMillis();

    /**
     * Starts the stream's thread, named after the backend and direction. At most once.
     *
     * @throws IllegalStateException if it was started or closed before
     */
    void start();

    StreamState state();

    /** Why the stream failed, when {@link #state()} is (or was, before closing) FAILED; else null. */
    AudioDeviceException failure();

    /**
     * Waits until the stream's thread has ended: the input ran out, an error, or {@link #close()}.
     *
     * @return whether it ended within the timeout; false too if it was never started
     */
    boolean awaitEnd(Duration timeout) throws InterruptedException;

    /** Sample frames moved so far (samples per channel: 48,000 a second). */
    long frames();

    /**
     * Stops the thread (waiting up to a second for it), then releases the device. Idempotent,
     * any thread; never throws.
     */
    @Override
    void close();
}
