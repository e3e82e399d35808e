package dev.confab.server.voice;

import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.VoiceCounters;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.VoiceControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The voice relays this chat server hands sessions to: the one in this process, or the voice
 * nodes it links to. Each room is served by one relay, chosen by room id modulo the number of
 * relays, so everyone in a room meets at the same place and the choice survives restarts.
 */
public final class VoiceRelays {

    /**
     * One relay and where clients reach it: {@code host} null means the address the client
     * reached the chat server at (right for one process and for most single-host deployments).
     */
    public record Relay(VoiceControl control, Supplier<String> host, IntSupplier port) {
    }

    private final List<Relay> relays;

    public VoiceRelays(List<Relay> relays) {
        if (relays.isEmpty()) {
            throw new IllegalArgumentException("at least one voice relay");
        }
        this.relays = List.copyOf(relays);
    }

    public Relay forRoom(long room) {
        return relays.get((int) Math.floorMod(room, (long) relays.size()));
    }

    /** Every relay's counters, added up, with all their sessions; a relay that is down is left out. */
    public CompletableFuture<RelayStats> stats() {
        List<CompletableFuture<RelayStats>> asked = relays.stream()
                .map(relay -> relay.control().stats().exceptionally(e -> null))
                .toList();
        return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(done -> {
            VoiceCounters total = new VoiceCounters(0, 0, 0, 0, 0, 0, 0, 0);
            List<SessionCounters> sessions = new ArrayList<>();
            for (CompletableFuture<RelayStats> one : asked) {
                RelayStats stats = one.join();
                if (stats != null) {
                    total = add(total, stats.total());
                    sessions.addAll(stats.sessions());
                }
            }
            return new RelayStats(total, sessions);
        });
    }

    private static VoiceCounters add(VoiceCounters a, VoiceCounters b) {
        return new VoiceCounters(a.packetsIn() + b.packetsIn(), a.relayed() + b.relayed(),
                a.droppedBadSeal() + b.droppedBadSeal(), a.droppedReplay() + b.droppedReplay(),
                a.droppedUnknownSession() + b.droppedUnknownSession(), a.droppedRate() + b.droppedRate(),
                a.droppedMalformed() + b.droppedMalformed(), a.droppedMuted() + b.droppedMuted());
    }
}
