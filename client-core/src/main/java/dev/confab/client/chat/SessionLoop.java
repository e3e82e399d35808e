package dev.confab.client.chat;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one event loop a session's state is confined to, and the hand-overs onto it. Work that
 * is already on the loop runs at once rather than queued, so a reply and the events that follow
 * it on the wire are handled in that order.
 */
final class SessionLoop {

    private static final Logger log = LoggerFactory.getLogger(SessionLoop.class);

    private final EventLoop loop;

    SessionLoop(EventLoop loop) {
        this.loop = loop;
    }

    /** Runs {@code task} on the loop: at once when called there, queued otherwise. */
    void run(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("the session's event loop is shut down; dropped a late callback");
        }
    }

    /** Runs {@code action} on the loop with the outcome of {@code future}, its failure unwrapped. */
    <T> void whenDone(CompletableFuture<T> future, BiConsumer<T, Throwable> action) {
        future.whenComplete((value, error) -> run(() -> action.accept(value, error == null ? null : Futures.unwrap(error))));
    }
}
