package dev.confab.bench;

import java.util.Arrays;

/**
 * A growable list of primitive longs (message ids), so hundreds of thousands of them cost
 * 8 bytes each rather than a boxed Long apiece. Synchronized: one connection's replies arrive
 * on its event loop, but a failed send can complete on the thread that sent it.
 */
final class LongList {
    private long[] values = new long[64];
    private int size;

    synchronized void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized int size() {
        return size;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
