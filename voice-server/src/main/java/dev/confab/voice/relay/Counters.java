package dev.confab.voice.relay;

import dev.confab.protocol.VoiceCounters;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A relay's totals: one {@link LongAdder} per counter, so relay threads never contend on a cache
 * line. Per-session counters are an {@link AtomicLongArray} on the session in the same slots.
 */
final class Counters {
    static final int IN = 0;
    static final int RELAYED = 1;
    private static final int DROPS = 2;
    static final int SLOTS = DROPS + Drop.values().length;

    private final LongAdder[] totals = new LongAdder[SLOTS];

    Counters() {
        for (int i = 0; i < SLOTS; i++) {
            totals[i] = new LongAdder();
        }
    }

    static int slot(Drop drop) {
        return DROPS + drop.ordinal();
    }

    void add(int slot) {
        totals[slot].increment();
    }

    void drop(Drop drop) {
        totals[slot(drop)].increment();
    }

    VoiceCounters total() {
        return counters(i -> totals[i].sum());
    }

    static VoiceCounters of(AtomicLongArray slots) {
        return counters(slots::get);
    }

    private static VoiceCounters counters(java.util.function.IntToLongFunction slot) {
        return new VoiceCounters(slot.applyAsLong(IN), slot.applyAsLong(RELAYED),
                slot.applyAsLong(slot(Drop.BAD_SEAL)), slot.applyAsLong(slot(Drop.REPLAY)),
                slot.applyAsLong(slot(Drop.UNKNOWN_SESSION)), slot.applyAsLong(slot(Drop.RATE)),
                slot.applyAsLong(slot(Drop.MALFORMED)), slot.applyAsLong(slot(Drop.MUTED)));
    }
}
