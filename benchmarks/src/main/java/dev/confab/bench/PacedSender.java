package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * One connection posting to one room on a fixed schedule (open loop: the next message goes when
 * it is due, whether or not the last was answered), so the server sees a steady rate and the
 * latency of each message is not hidden by waiting for the one before.
 */
final class PacedSender {
    private final ChatConnection connection;
    private final long room;
    private final double rate;
    private final long limit;
    private final long firstTimed;
    private final LongFunction<String> text;
    private final LatencyRecorder ackLatency;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final ErrorTally errors = new ErrorTally();
    private final ScheduledExecutorService clock =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "paced-sender"));

    /**
     * @param rate  messages a second
     * @param limit      messages to send at most
     * @param firstTimed messages before this one are counted but not timed (warm-up)
     * @param text       the text of message n
     */
    PacedSender(ChatConnection connection, long room, double rate, long limit, long firstTimed, LongFunction<String> text) {
        this.connection = connection;
        this.room = room;
        this.rate = rate;
        this.limit = limit;
        this.firstTimed = firstTimed;
        this.text = text;
        this.ackLatency = new LatencyRecorder((int) Math.min(Integer.MAX_VALUE - 8, limit));
    }

    void start() {
        clock.scheduleAtFixedRate(this::sendNext, 0, Math.round(1e9 / rate), TimeUnit.NANOSECONDS);
    }

    void stop() throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void sendNext() {
        if (sent.get() >= limit) {
            return;
        }
        long sequence = sent.getAndIncrement();
        String body = text.apply(sequence);
        long sentAt = System.nanoTime();
        connection.request(id -> new Request.Say(id, room, body, false), Reply.Posted.class)
                .whenComplete((posted, error) -> {
                    if (error == null) {
                        if (sequence >= firstTimed) {
                            ackLatency.record(System.nanoTime() - sentAt);
                        }
                        acknowledged.incrementAndGet();
                    } else {
                        errors.add(error);
                    }
                });
    }

    long sent() {
        return sent.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    ErrorTally errors() {
        return errors;
    }

    /** True once every message sent was answered, one way or the other. */
    boolean allAnswered() {
        return acknowledged.get() + errors.total() >= sent.get();
    }

    /** Say -> posted: the time until the message was committed and acknowledged. */
    LatencyRecorder.Summary ackLatency() {
        return ackLatency.summary();
    }
}
