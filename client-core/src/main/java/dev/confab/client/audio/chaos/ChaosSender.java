package dev.confab.client.audio.chaos;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The chaos simulator on outgoing voice packets: drops, delays, jitters and reorders them as
 * {@link ChaosSettings} say, changeable at any time from any thread. While the settings are
 * {@link ChaosSettings#OFF} a packet goes straight through on the caller's thread, with nothing
 * allocated; otherwise a packet that is held is copied and sent later from the simulator's own
 * thread (started when first needed), in order of its due time.
 *
 * <p>{@link #send} is called from one thread (the capture pipeline's).
 */
public final class ChaosSender implements AutoCloseable {

    /** Where packets go: the voice link's send. */
    @FunctionalInterface
    public interface Out {
        void send(byte[] payload, int offset, int length, int timestamp, int flags, long party);
    }

    private final Out out;
    private final long frameNanos;
    private final ChaosSchedule schedule = new ChaosSchedule(ThreadLocalRandom.current().nextLong());
    private volatile ChaosSettings settings = ChaosSettings.OFF;
    private volatile ScheduledExecutorService timer;
    private volatile boolean closed;

    // Written by the sending thread only.
    private volatile long dropped;
    private volatile long delayed;
    private volatile long reordered;

    /**
     * @param frameNanos the time between packets (reordering holds a packet back one to two of these)
     */
    public ChaosSender(Out out, long frameNanos) {
        this.out = Objects.requireNonNull(out, "out");
        if (frameNanos <= 0) {
            throw new IllegalArgumentException("frameNanos must be positive, not " + frameNanos);
        }
        this.frameNanos = frameNanos;
    }

    /** From the next packet on. */
    public void setSettings(ChaosSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ChaosState state() {
        return new ChaosState(settings, dropped, delayed, reordered);
    }

    /** Sends a packet now, later or never. The payload is not kept after the call returns. */
    public void send(byte[] payload, int offset, int length, int timestamp, int flags, long party) {
        ChaosSettings now = settings;
        if (now.off()) {
            out.send(payload, offset, length, timestamp, flags, party);
            return;
        }
        long delay = schedule.next(now, frameNanos);
        if (delay == ChaosSchedule.DROP) {
            dropped++;
            return;
        }
        if (schedule.reordered()) {
            reordered++;
        }
        if (delay == 0) {
            out.send(payload, offset, length, timestamp, flags, party);
            return;
        }
        delayed++;
        byte[] copy = Arrays.copyOfRange(payload, offset, offset + length);
        try {
            timer().schedule(() -> out.send(copy, 0, copy.length, timestamp, flags, party), delay,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            // closed: the packet goes nowhere, like everything else after close
        }
    }

    /** Stops the simulator's thread; packets still held are never sent. */
    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }

    private ScheduledExecutorService timer() {
        ScheduledExecutorService t = timer;
        if (t == null) {
            synchronized (this) {
                t = timer;
                if (t == null) {
                    t = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread thread = new Thread(r, "confab-voice-chaos");
                        thread.setDaemon(true);
                        return thread;
                    });
                    timer = t;
                    if (closed) {
                        t.shutdownNow();
                    }
                }
            }
        }
        return t;
    }
}
