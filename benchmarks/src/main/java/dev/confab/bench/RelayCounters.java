package dev.confab.bench;

import dev.confab.protocol.VoiceCounters;
import java.util.ArrayList;
import java.util.List;

/** Arithmetic on the relay's counters as {@code server_stats} reports them. */
final class RelayCounters {
    static final VoiceCounters ZERO = new VoiceCounters(0, 0, 0, 0, 0, 0, 0, 0);

    private RelayCounters() {
    }

    /** What happened between two readings. */
    static VoiceCounters minus(VoiceCounters after, VoiceCounters before) {
        return new VoiceCounters(after.packetsIn() - before.packetsIn(), after.relayed() - before.relayed(),
                after.droppedBadSeal() - before.droppedBadSeal(), after.droppedReplay() - before.droppedReplay(),
                after.droppedUnknownSession() - before.droppedUnknownSession(),
                after.droppedRate() - before.droppedRate(), after.droppedMalformed() - before.droppedMalformed(),
                after.droppedMuted() - before.droppedMuted());
    }

    /** Every drop, whatever the reason. */
    static long drops(VoiceCounters counters) {
        return counters.droppedBadSeal() + counters.droppedReplay() + counters.droppedUnknownSession()
                + counters.droppedRate() + counters.droppedMalformed() + counters.droppedMuted();
    }

    /** e.g. {@code "rate 12, replay 1"}, or {@code "none"}. */
    static String describeDrops(VoiceCounters counters) {
        List<String> parts = new ArrayList<>();
        add(parts, "bad seal", counters.droppedBadSeal());
        add(parts, "replay", counters.droppedReplay());
        add(parts, "unknown session", counters.droppedUnknownSession());
        add(parts, "rate", counters.droppedRate());
        add(parts, "malformed", counters.droppedMalformed());
        add(parts, "muted", counters.droppedMuted());
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, long count) {
        if (count != 0) {
            parts.add(name + " " + count);
        }
    }
}
