package dev.confab.client.control;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener with the TUI's semantics in miniature (a hold per pressing connection, released by
 * any release or by its connection closing; a toggle latch) that records what it was told.
 */
public final class RecordingListener implements PttControlListener {

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Set<Long> holders = new HashSet<>();
    private boolean latch;
    /** When false, requests are never answered, like a TUI that stopped drawing frames. */
    volatile boolean answering = true;

    @Override
    public synchronized CompletionStage<Boolean> request(long connection, PttRequest request) {
        calls.add(request.word() + " " + connection);
        switch (request) {
            case PRESS -> holders.add(connection);
            case RELEASE -> holders.clear();
            case TOGGLE -> latch = !latch;
            case STATUS -> { }
        }
        return answering ? CompletableFuture.completedFuture(talking()) : new CompletableFuture<>();
    }

    @Override
    public synchronized void closed(long connection) {
        calls.add("closed " + connection);
        holders.remove(connection);
    }

    public synchronized boolean talking() {
        return latch || !holders.isEmpty();
    }

    long closedCount() {
        return calls.stream().filter(c -> c.startsWith("closed")).count();
    }
}
