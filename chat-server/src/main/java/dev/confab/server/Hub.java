package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Failure;
import dev.confab.server.accounts.PasswordHasher;
import dev.confab.server.net.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the server's live state: sessions, presence and the room tree.
 * Network threads hand it decoded requests; slow work (the database, password hashing) runs
 * elsewhere and comes back here with {@link #then}. One owner means no locks and a single order
 * of events that every client sees the same way.
 */
public final class Hub implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final ScheduledExecutorService thread;

    public Hub() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "hub"));
        executor.setRemoveOnCancelPolicy(true);
        // Resume-grace timers are moot once the server stops; shutdown must not wait them out.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    @Override
    public void execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("hub task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("hub is stopped; dropped a task");
        }
    }

    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return thread.schedule(() -> execute(task), delay, unit);
    }

    /**
     * Continues a request on the hub once {@code work} is done. A {@link ChatFailure} from either
     * step becomes that failure's reply; anything else is logged and answered as internal.
     */
    public <T> void then(CompletableFuture<T> work, Connection connection, long requestId, Consumer<T> next) {
        work.whenCompleteAsync((value, error) -> {
            if (error == null) {
                try {
                    next.accept(value);
                    return;
                } catch (RuntimeException e) {
                    error = e;
                }
            }
            connection.send(failureFor(requestId, error));
        }, this);
    }

    /** The reply for a request that ended in {@code error}. */
    public static Failure failureFor(long requestId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ChatFailure failure) {
            return new Failure(requestId, failure.code(), failure.getMessage());
        }
        if (cause instanceof PasswordHasher.BusyException busy) {
            return new Failure(requestId, ErrorCode.RATE_LIMITED, busy.getMessage());
        }
        log.error("request {} failed", requestId, cause);
        return new Failure(requestId, ErrorCode.INTERNAL, "internal server error; the server log has details");
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
