package dev.confab.client.chat;

import dev.confab.protocol.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Small helpers for the futures requests return. */
final class Futures {

    private Futures() {
    }

    /** {@code reply}, narrowed to {@code expected}; any other reply fails it with UnexpectedReplyException. */
    static <R extends Reply> CompletableFuture<R> expecting(CompletableFuture<Reply> reply, Class<R> expected) {
        CompletableFuture<R> typed = new CompletableFuture<>();
        reply.whenComplete((answer, error) -> {
            if (error != null) {
                typed.completeExceptionally(unwrap(error));
            } else if (expected.isInstance(answer)) {
                typed.complete(expected.cast(answer));
            } else {
                typed.completeExceptionally(new UnexpectedReplyException(expected, answer));
            }
        });
        return typed;
    }

    /** The real failure behind the CompletionException a dependent future wraps it in. */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
