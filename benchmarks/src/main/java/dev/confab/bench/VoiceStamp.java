package dev.confab.bench;

/**
 * The send time a voice packet carries in its header's 32-bit timestamp field, which the relay
 * passes through unchanged: the low 32 bits of microseconds since the load generator's start.
 * It wraps after 71 minutes; the difference to a receive time is right across the wrap as long
 * as the packet took less than 35 minutes, so a receiver can turn it back into a full send time.
 */
final class VoiceStamp {
    private VoiceStamp() {
    }

    static int of(long micros) {
        return (int) micros;
    }

    /** Microseconds from a stamp to {@code nowMicros} (modulo 2^32, as a signed 32-bit difference). */
    static long ageMicros(long nowMicros, int stamp) {
        return (int) nowMicros - stamp;
    }

    /** The full send time, in microseconds since the start, of a packet stamped {@code stamp} and received at {@code nowMicros}. */
    static long sentMicros(long nowMicros, int stamp) {
        return nowMicros - ageMicros(nowMicros, stamp);
    }
}
