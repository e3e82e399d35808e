package dev.confab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads what a tmux control-mode client ({@code tmux -C}) prints: each command's output comes
 * between {@code %begin TIME NUMBER FLAGS} and {@code %end TIME NUMBER FLAGS} (or {@code %error}
 * for a failed command), in the order the commands were sent; lines outside a block are
 * notifications ({@code %output}, {@code %session-changed}, ...), which this harness does not
 * need. A block ends only at an {@code %end} or {@code %error} carrying its own number, so a
 * screen line that happens to start with {@code %end} cannot cut it short.
 */
final class ControlReplies {

    /** One command's answer, and when its last line was read ({@link System#nanoTime()}). */
    record Reply(boolean ok, List<String> lines, long arrivedNanos) {
    }

    private static final Pattern SPACE = Pattern.compile(" ");

    private List<String> open;
    private String number;

    /** Takes the next line; returns the reply it finished, or null. */
    Reply accept(String line, long nowNanos) {
        if (open == null) {
            if (line.startsWith("%begin ")) {
                open = new ArrayList<>();
                number = field(line, 2);
            }
            return null;
        }
        boolean end = line.startsWith("%end ");
        if ((end || line.startsWith("%error ")) && field(line, 2).equals(number)) {
            Reply reply = new Reply(end, List.copyOf(open), nowNanos);
            open = null;
            number = null;
            return reply;
        }
        open.add(line);
        return null;
    }

    /**
     * One word of a command line as tmux's parser reads it: in single quotes, inside which
     * nothing is special. The harness only sends words it made, so a quote or a line break in one
     * is a bug, not something to escape.
     */
    static String quote(String word) {
        if (word.indexOf('\'') >= 0 || word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("cannot send a word with a quote or a line break to tmux: " + word);
        }
        return "'" + word + "'";
    }

    private static String field(String line, int index) {
        String[] fields = SPACE.split(line);
        return fields.length > index ? fields[index] : "";
    }
}
