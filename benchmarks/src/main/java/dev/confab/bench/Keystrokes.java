package dev.confab.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keystroke to screen, as a person at the keyboard sees it: one printable key sent to the TUI's
 * terminal with {@code send-keys}, then its screen polled with {@code capture-pane} until the key
 * shows in the input line. The time runs from just before the key is handed to tmux to the
 * arrival of the first screen that shows it, so it includes tmux's own work on both sides (its
 * pty write, the TUI's output parsed into tmux's grid) and up to one polling interval plus one
 * capture round trip of harness delay; the capture round trips are kept so that floor can be
 * reported next to the figures. Each key is erased (BackSpace, not timed) before the next, after
 * a random pause, so no key is sent while the TUI is still drawing the last one.
 */
final class Keystrokes {
    /** Keys typed in turn: printable, and nothing tmux or the TUI's input line treats specially. */
    static final String KEYS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final long KEY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What a series of keys measured, in nanoseconds; {@code talking} is the tree's talking count per capture. */
    record Result(long[] latencies, int missed, long[] captureRoundTrips, long[] sendRoundTrips, long[] talking) {

        /** A percentile of the keys seen, in milliseconds. */
        double latencyMillis(double percent) {
            return millis(latencies, percent);
        }

        double captureMillis(double percent) {
            return millis(captureRoundTrips, percent);
        }

        double sendMillis(double percent) {
            return millis(sendRoundTrips, percent);
        }

        /** The most people the tree showed talking at once, and the median over the captures. */
        double talkingPercentile(double percent) {
            return Stats.percentile(sorted(talking), percent);
        }

        private static double millis(long[] nanos, double percent) {
            return Stats.percentile(sorted(nanos), percent) / 1e6;
        }

        private static long[] sorted(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private final TmuxControl tmux;
    private final String session;
    private final String prompt;
    private final long pollNanos;
    private final long gapMinMillis;
    private final long gapMaxMillis;

    /**
     * @param prompt the input line's prompt while the key is typed, e.g. {@code "Lobby> "}
     * @param gapMinMillis the least pause between one key's erasure and the next key
     */
    Keystrokes(TmuxControl tmux, String session, String prompt, long pollNanos, long gapMinMillis, long gapMaxMillis) {
        this.tmux = tmux;
        this.session = session;
        this.prompt = prompt;
        this.pollNanos = pollNanos;
        this.gapMinMillis = gapMinMillis;
        this.gapMaxMillis = gapMaxMillis;
    }

    Result measure(int keys) throws IOException, InterruptedException {
        LongList latencies = new LongList();
        LongList captures = new LongList();
        LongList sends = new LongList();
        LongList talking = new LongList();
        tmux.run("send-keys", "-t", session, "C-u");
        awaitTyped("", captures, talking);
        int missed = 0;
        for (int i = 0; i < keys; i++) {
            String key = String.valueOf(KEYS.charAt(i % KEYS.length()));
            long sent = System.nanoTime();
            ControlReplies.Reply sendReply = tmux.run("send-keys", "-t", session, "-l", key);
            sends.add(sendReply.arrivedNanos() - sent);
            long seen = awaitTyped(key, captures, talking);
            if (seen < 0) {
                missed++;
            } else {
                latencies.add(seen - sent);
            }
            tmux.run("send-keys", "-t", session, "BSpace");
            if (awaitTyped("", captures, talking) < 0) {
                throw new IOException("the input line did not empty after BackSpace; the screen:\n"
                        + String.join("\n", tmux.capture(session).lines()));
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(gapMinMillis, gapMaxMillis + 1));
        }
        return new Result(latencies.toArray(), missed, captures.toArray(), sends.toArray(), talking.toArray());
    }

    /** Polls until the input line holds exactly {@code text}; returns when that screen arrived, or -1 after the time limit. */
    private long awaitTyped(String text, LongList captures, LongList talking) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long asked = System.nanoTime();
            ControlReplies.Reply reply = tmux.capture(session);
            captures.add(reply.arrivedNanos() - asked);
            TuiScreen screen = new TuiScreen(reply.lines());
            talking.add(screen.talking());
            if (text.equals(screen.typed(prompt))) {
                return reply.arrivedNanos();
            }
            if (reply.arrivedNanos() - start > KEY_TIMEOUT_NANOS) {
                return -1;
            }
            LockSupport.parkNanos(pollNanos);
        }
    }
}
