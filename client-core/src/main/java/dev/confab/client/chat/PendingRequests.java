package dev.confab.client.chat;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests of one connection still waiting for an answer, by id. Thread-safe: requests are
 * made from any thread and answered on the event loop.
 */
final class PendingRequests {

    private final String server;
    private final AtomicLong lastId = new AtomicLong();
    private final Map<Long, CompletableFuture<Reply>> waiting = new ConcurrentHashMap<>();
    private volatile ConnectionClosedException closedBecause;

    PendingRequests(String server) {
        this.server = server;
    }

    long nextId() {
        return lastId.incrementAndGet();
    }

    /**
     * Starts waiting for the answer to {@code request}; it fails with a TimeoutException after
     * {@code timeout}, or at once when the connection is already closed.
     */
    CompletableFuture<Reply> track(Request request, ScheduledExecutorService timer, Duration timeout) {
        long id = request.id();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        // Checked after registering, so a close racing with this request either sees it in
        // the map or is seen here: no request is left waiting on a dead connection.
        ConnectionClosedException closed = closedBecause;
        if (closed != null) {
            fail(id, closed);
            return reply;
        }
        try {
            ScheduledFuture<?> timeoutTask = timer.schedule(
                    () -> fail(id, new TimeoutException("no answer to " + request.getClass().getSimpleName() + " #" + id
                            + " from " + server + " within " + timeout.toMillis() + " ms")),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            reply.whenComplete((answer, error) -> timeoutTask.cancel(false));
        } catch (RejectedExecutionException e) {
            fail(id, new ConnectionClosedException("connection to " + server + " is closed", e));
        }
        return reply;
    }

    /** Completes the request {@code reply} answers; false if none waits for it (e.g. it timed out). */
    boolean complete(Reply reply) {
        CompletableFuture<Reply> waiter = waiting.remove(reply.id());
        return waiter != null && waiter.complete(reply);
    }

    /** Fails the request with {@code id}; false if none waits for it. */
    boolean fail(long id, Throwable error) {
        CompletableFuture<Reply> waiter = waiting.remove(id);
        return waiter != null && waiter.completeExceptionally(error);
    }

    /** Fails everything waiting, and everything tracked from now on, with {@code error}. */
    void closeAll(ConnectionClosedException error) {
        closedBecause = error;
        for (Long id : waiting.keySet()) {
            fail(id, error);
        }
    }
}
