package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps many connections posting room messages, each at a steady rate and with at most
 * {@code window} messages unanswered: pipelined like a busy client, but paced below the
 * server's per-connection rate limit so that what is measured is the server's capacity to
 * accept and persist, not its refusals. Connection i posts to room i mod rooms.
 *
 * <p>One ticker thread does all the pacing; replies are handled on the event loops.
 */
final class SayPump {
    private static final long TICK_MILLIS = 5;

    private final List<Sender> senders = new ArrayList<>();
    private final double perConnectionRate;
    private final int window;
    private final PerSecondCounter acknowledged;
    private final LatencyRecorder ackLatency;
    private final ErrorTally errors = new ErrorTally();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "say-pump"));
    private long lastTickNanos;
    /** Messages sent before this are counted but not timed: their latency is the JIT's warm-up. */
    private volatile long timedFromNanos = Long.MIN_VALUE;

    /**
     * @param perConnectionRate messages a second each connection sends at most
     * @param textLength        characters per message, padded, for a realistic line size
     */
    SayPump(List<ChatConnection> connections, List<Long> rooms, String tag, double perConnectionRate, int window,
            int textLength, PerSecondCounter acknowledged, LatencyRecorder ackLatency) {
        this.perConnectionRate = perConnectionRate;
        this.window = window;
        this.acknowledged = acknowledged;
        this.ackLatency = ackLatency;
        for (int i = 0; i < connections.size(); i++) {
            senders.add(new Sender(connections.get(i), rooms.get(i % rooms.size()), "tp " + tag + " " + i + " ",
                    textLength));
        }
    }

    /** Times only the messages sent from {@code nanos} (a {@link System#nanoTime()} value) on. */
    void timeLatenciesFrom(long nanos) {
        timedFromNanos = nanos;
    }

    void start() {
        lastTickNanos = System.nanoTime();
        ticker.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops sending; answers to what was sent keep arriving. */
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Waits until every message sent has been answered (or failed); false if some were still waiting at the timeout. */
    boolean awaitAnswers(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (senders.stream().anyMatch(sender -> sender.inFlight.get() > 0)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    long sent() {
        return sent.get();
    }

    long acknowledged() {
        return acked.get();
    }

    ErrorTally errors() {
        return errors;
    }

    /** The ids the server gave in its {@code posted} replies, over all connections. */
    long[] acknowledgedIds() {
        List<long[]> parts = senders.stream().map(sender -> sender.ackedIds.toArray()).toList();
        long[] all = new long[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            double earned = perConnectionRate * (now - lastTickNanos) / 1e9;
            lastTickNanos = now;
            for (Sender sender : senders) {
                // Credit is capped at one window: after a stall the client catches up by at most
                // that much, so it never bursts into the server's rate limit.
                sender.credit = Math.min(window, sender.credit + earned);
                while (sender.credit >= 1 && sender.inFlight.get() < window) {
                    sender.credit -= 1;
                    send(sender);
                }
            }
        } catch (RuntimeException e) {
            // An exception would silently cancel the fixed-rate schedule: say so, keep going.
            System.err.println("say-pump: " + ErrorTally.kindOf(e));
        }
    }

    private void send(Sender sender) {
        String text = sender.nextText();
        long sentAt = System.nanoTime();
        sender.inFlight.incrementAndGet();
        sent.incrementAndGet();
        sender.connection.request(id -> new Request.Say(id, sender.room, text, false), Reply.Posted.class)
                .whenComplete((posted, error) -> {
                    if (error == null) {
                        long now = System.nanoTime();
                        acknowledged.record(now);
                        if (sentAt >= timedFromNanos) {
                            ackLatency.record(now - sentAt);
                        }
                        sender.ackedIds.add(posted.messageId());
                        acked.incrementAndGet();
                    } else {
                        errors.add(error);
                    }
                    // Last, so that awaitAnswers seeing zero in flight also sees the id above.
                    sender.inFlight.decrementAndGet();
                });
    }

    /** One connection's pacing state. Credit and sequence are touched only by the ticker thread. */
    private static final class Sender {
        final ChatConnection connection;
        final long room;
        final String prefix;
        final String padding;
        final AtomicInteger inFlight = new AtomicInteger();
        final LongList ackedIds = new LongList();
        double credit;
        long sequence;

        Sender(ChatConnection connection, long room, String prefix, int textLength) {
            this.connection = connection;
            this.room = room;
            this.prefix = prefix;
            this.padding = " " + "x".repeat(Math.max(0, textLength - prefix.length() - 12));
        }

        String nextText() {
            return prefix + sequence++ + padding;
        }
    }
}
