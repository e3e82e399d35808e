package dev.confab.protocol.voice;

/**
 * Which sequence numbers of one direction of one session have been accepted, over the last
 * {@value #SIZE}: a packet older than that, or seen before, is a replay and is dropped. Sixty-four
 * numbers is 1.28 s of 20 ms frames, longer than any jitter buffer waits.
 *
 * <p>Check with {@link #isFresh} before spending a decryption on a packet and {@link #accept}
 * only once it has opened, so forged packets cannot move the window. Packets of one session
 * may arrive on several threads (UDP and the TCP tunnel), so both methods synchronize on this
 * window; the lock is per session and held for a few instructions.
 */
public final class ReplayWindow {
    public static final int SIZE = 64;
    private long highest;
    /** Bit i set: sequence {@code highest - i} was accepted. */
    private long seen;

    public synchronized boolean isFresh(long sequence) {
        if (sequence <= 0) {
            return false;
        }
        if (sequence > highest) {
            return true;
        }
        long age = highest - sequence;
        return age < SIZE && (seen & 1L << age) == 0;
    }

    /** Records an opened packet; false (and nothing recorded) when it is not fresh after all. */
    public synchronized boolean accept(long sequence) {
        if (!isFresh(sequence)) {
            return false;
        }
        if (sequence > highest) {
            long shift = sequence - highest;
            seen = shift >= SIZE ? 1 : seen << shift | 1;
            highest = sequence;
        } else {
            seen |= 1L << (highest - sequence);
        }
        return true;
    }

    public synchronized long highest() {
        return highest;
    }
}
