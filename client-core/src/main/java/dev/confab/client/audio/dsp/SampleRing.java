package dev.confab.client.audio.dsp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock-free ring of 16-bit samples between exactly one producer (the audio device's callback or
 * read loop) and exactly one consumer (the encoder thread). Neither side ever blocks the other:
 * the producer copies what fits and returns, the consumer takes what is there.
 *
 * <h2>Overflow</h2>
 * When the consumer falls behind and the ring is full, a write keeps the oldest audio and drops
 * the rest of the block being written: of {@code length} samples offered, the first ones that
 * fit are stored in order and the remaining ones are discarded and added to
 * {@link #overflowedSamples()}. Only the producer may move the write position and only the
 * consumer the read position, so the producer cannot drop the oldest audio instead; a consumer
 * that wants fresh audio after a stall skips it itself ({@link #skip(int)}). Nothing else ever
 * loses or invents a sample: everything stored comes out once, in order.
 *
 * <h2>Threads</h2>
 * The write methods belong to the producer thread and the read methods ({@link #read},
 * {@link #readFully}, {@link #skip}, {@link #awaitAvailable}) to the consumer thread; the
 * counters and {@link #available()} may be read anywhere. Calling a side's methods from two
 * threads at once corrupts the ring. No method allocates.
 */
public final class SampleRing {

    private final short[] buffer;
    private final int mask;

    /** Samples ever stored; written by the producer only. */
    private volatile long head;
    /** Samples ever taken out (read or skipped); written by the consumer only. */
    private volatile long tail;
    /** Samples offered to a full ring and dropped; written by the producer only. */
    private volatile long overflowed;
    /** The consumer while it waits in {@link #awaitAvailable}, and how many samples it waits for. */
    private volatile Thread waiter;
    private volatile int wanted;
    /** Set by {@link #wakeup()}: the consumer's current or next wait returns at once. */
    private volatile boolean woken;

    /**
     * @param capacity the most samples the ring holds, rounded up to a power of two
     *                 (8192 holds 170 ms at 48 kHz)
     */
    public SampleRing(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be in [1, 2^30], not " + capacity);
        }
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) {
            size <<= 1;
        }
        this.buffer = new short[size];
        this.mask = size - 1;
    }

    public int capacity() {
        return buffer.length;
    }

    /** Samples stored and not yet taken out. */
    public int available() {
        // Read tail first: head only grows, so the difference is never negative. Read from a third
        // thread it may briefly pair an old tail with a newer head, hence the cap.
        long t = tail;
        return (int) Math.min(head - t, buffer.length);
    }

    /** Samples ever stored, dropped ones not included. */
    public long written() {
        return head;
    }

    /** Samples ever taken out by reads and skips. */
    public long consumed() {
        return tail;
    }

    /** Samples dropped because the ring was full when they were written (see the overflow policy). */
    public long overflowedSamples() {
        return overflowed;
    }

    // ---- producer side ----

    /**
     * Stores {@code length} samples from {@code source}, or as many as fit; the rest are dropped
     * and counted. Producer thread only.
     *
     * @return how many samples were stored
     */
    public int write(short[] source, int offset, int length) {
        checkRange(source.length, offset, length);
        long h = head;
        int stored = Math.min(length, buffer.length - (int) (h - tail));
        int at = (int) h & mask;
        int first = Math.min(stored, buffer.length - at);
        System.arraycopy(source, offset, buffer, at, first);
        System.arraycopy(source, offset + first, buffer, 0, stored - first);
        return published(h, stored, length);
    }

    /**
     * Stores 16-bit signed little-endian PCM (what Java Sound lines deliver) as samples:
     * {@code byteLength / 2} of them, or as many as fit. Producer thread only.
     *
     * @return how many samples were stored
     * @throws IllegalArgumentException if {@code byteLength} is odd
     */
    public int writeLittleEndian(byte[] source, int offset, int byteLength) {
        checkRange(source.length, offset, byteLength);
        if ((byteLength & 1) != 0) {
            throw new IllegalArgumentException("16-bit PCM needs an even number of bytes, not " + byteLength);
        }
        int length = byteLength >> 1;
        long h = head;
        int stored = Math.min(length, buffer.length - (int) (h - tail));
        for (int i = 0, b = offset; i < stored; i++, b += 2) {
            buffer[(int) (h + i) & mask] = (short) ((source[b] & 0xff) | (source[b + 1] << 8));
        }
        return published(h, stored, length);
    }

    private int published(long oldHead, int stored, int offered) {
        if (stored < offered) {
            overflowed += offered - stored; // single writer: no lost update
        }
        if (stored > 0) {
            long h = oldHead + stored;
            head = h;
            // The volatile write above and this volatile read cannot be reordered, and the waiter
            // re-checks head after announcing itself: one of the two always sees the other.
            Thread w = waiter;
            if (w != null && h - tail >= wanted) {
                LockSupport.unpark(w);
            }
        }
        return stored;
    }

    // ---- consumer side ----

    /**
     * Takes up to {@code length} samples, oldest first. Consumer thread only.
     *
     * @return how many samples were copied into {@code target}
     */
    public int read(short[] target, int offset, int length) {
        checkRange(target.length, offset, length);
        long t = tail;
        int taken = Math.min(length, (int) (head - t));
        copyOut(t, target, offset, taken);
        tail = t + taken;
        return taken;
    }

    /**
     * Takes exactly {@code length} samples if that many are there, otherwise nothing (a whole
     * frame or none). Consumer thread only.
     *
     * @return whether the samples were taken
     */
    public boolean readFully(short[] target, int offset, int length) {
        checkRange(target.length, offset, length);
        long t = tail;
        if (head - t < length) {
            return false;
        }
        copyOut(t, target, offset, length);
        tail = t + length;
        return true;
    }

    /**
     * Discards up to {@code length} of the oldest samples, as a consumer that fell behind does to
     * catch up. Consumer thread only.
     *
     * @return how many samples were discarded
     */
    public int skip(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, not " + length);
        }
        long t = tail;
        int skipped = Math.min(length, (int) (head - t));
        tail = t + skipped;
        return skipped;
    }

    /**
     * Waits until at least {@code count} samples are there, the timeout passes or the thread is
     * interrupted, or {@link #wakeup()} is called. The producer wakes the waiting consumer once
     * its writes reach {@code count}. Consumer thread only.
     *
     * @return whether {@code count} samples are available
     * @throws InterruptedException if the waiting thread was interrupted
     */
    public boolean awaitAvailable(int count, long timeout, TimeUnit unit) throws InterruptedException {
        if (count < 1 || count > buffer.length) {
            throw new IllegalArgumentException("count must be in [1, " + buffer.length + "], not " + count);
        }
        if (available() >= count) {
            return true;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        wanted = count;
        waiter = Thread.currentThread();
        try {
            while (available() < count) {
                if (woken) {
                    woken = false;
                    return available() >= count;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    /**
     * Makes the consumer's wait in {@link #awaitAvailable} return now, or its next one if it is
     * not waiting, whatever is available: how a consumer thread is told to stop. Any thread.
     */
    public void wakeup() {
        woken = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void copyOut(long from, short[] target, int offset, int length) {
        int at = (int) from & mask;
        int first = Math.min(length, buffer.length - at);
        System.arraycopy(buffer, at, target, offset, first);
        System.arraycopy(buffer, 0, target, offset + first, length - first);
    }

    private static void checkRange(int arrayLength, int offset, int length) {
        if (offset < 0 || length < 0 || offset > arrayLength - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                    + " do not fit an array of " + arrayLength);
        }
    }
}
