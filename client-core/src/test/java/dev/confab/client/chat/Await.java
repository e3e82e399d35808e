package dev.confab.client.chat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Bounded waits for tests, so a bug fails a test instead of hanging the build. */
public final class Await {

    public static final Duration LIMIT = Duration.ofSeconds(5);

    private Await() {
    }

    public static <T> T result(CompletableFuture<T> future) throws Exception {
        return future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exception {@code future} failed with, unwrapped. */
    public static Throwable failure(CompletableFuture<?> future) throws InterruptedException, TimeoutException {
        try {
            Object value = future.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure but got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, LIMIT, condition);
    }

    public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }
}
