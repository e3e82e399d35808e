package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Event;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stamps fan-out messages with their send time and, on each receiving connection, turns the
 * stamp back into a latency. Sender and receivers live in this one process, so
 * {@link System#nanoTime()} on both sides is the same clock.
 */
final class FanoutProbe {
    private final String prefix;
    private final LatencyRecorder latencies;
    private final long firstMeasured;
    private final LongAdder received = new LongAdder();
    private final LongAdder unreadable = new LongAdder();

    /** @param firstMeasured messages before this sequence number are counted but not timed (warm-up) */
    FanoutProbe(String tag, LatencyRecorder latencies, long firstMeasured) {
        this.prefix = "fanout " + tag + " ";
        this.latencies = latencies;
        this.firstMeasured = firstMeasured;
    }

    /** The text of message {@code sequence}, carrying the current time. */
    String stamp(long sequence) {
        return prefix + sequence + " " + System.nanoTime();
    }

    /** Records every stamped message {@code member} receives in {@code room}. */
    void listen(ChatConnection member, long room) {
        member.addEventListener(event -> {
            if (event instanceof Event.MessagePosted posted && posted.message().room() == room
                    && posted.message().text().startsWith(prefix)) {
                long now = System.nanoTime();
                String text = posted.message().text();
                try {
                    String[] stamp = text.substring(prefix.length()).split(" ");
                    if (Long.parseLong(stamp[0]) >= firstMeasured) {
                        latencies.record(now - Long.parseLong(stamp[1]));
                    }
                    received.increment();
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    unreadable.increment();
                }
            }
        });
    }

    long received() {
        return received.sum();
    }

    long unreadable() {
        return unreadable.sum();
    }
}
