package dev.confab.bench;

import dev.confab.client.chat.ConnectionClosedException;
import dev.confab.client.chat.RequestFailedException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Failures counted by kind (the server's error code, a timeout, a closed connection), so a run
 * that went wrong says how, in one line, instead of printing thousands of stack traces.
 */
final class ErrorTally {
    private final Map<String, LongAdder> counts = new ConcurrentSkipListMap<>();

    void add(Throwable error) {
        counts.computeIfAbsent(kindOf(error), kind -> new LongAdder()).increment();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** e.g. {@code "timeout x3, rate_limited x2"}, or {@code "none"}. */
    String summary() {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue().sum()).collect(Collectors.joining(", "));
    }

    static String kindOf(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RequestFailedException failed) {
            return failed.code().wireName();
        }
        if (cause instanceof TimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectionClosedException) {
            return "connection closed";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
