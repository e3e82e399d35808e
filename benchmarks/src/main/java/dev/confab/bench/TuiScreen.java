package dev.confab.bench;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One captured screen of {@code confab} (tui-client), read as a person would: the status bar
 * on the last row, the input line above it, the room tree left of the {@code |} column. What
 * each check looks for is what docs/TUI.md shows, so a change of the screen's layout shows up
 * here as a benchmark that waits for ever (and fails after its time limit), not as wrong
 * figures.
 */
record TuiScreen(List<String> rows) {

    /** What the status bar starts with once painted: the server (or "not connected") and the connection's state. */
    private static final Pattern STATUS = Pattern.compile("(not connected|\\S+ (connecting|online|reconnecting|offline)).*");
    /** A member in the room tree heard talking: indentation, then {@code >} right before the name. */
    private static final Pattern TALKING = Pattern.compile("\\s+>\\S.*");
    /** A speaker's row in the F3 overlay: name, jitter-buffer depth, loss, late, FEC, PLC, volume. */
    private static final Pattern SPEAKER = Pattern.compile("\\S.*\\s(\\d+) ms\\s+\\d+\\.\\d%\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+%\\s*");

    TuiScreen {
        rows = List.copyOf(rows);
    }

    String statusBar() {
        return rows.isEmpty() ? "" : rows.get(rows.size() - 1);
    }

    /** The first paint happened: the status bar is there (the room tree and input line are drawn with it). */
    boolean drawn() {
        return STATUS.matcher(statusBar()).matches();
    }

    /** Logged in and in {@code room}: online in the status bar, the room named there, and in the room tree. */
    boolean inRoom(String room) {
        String status = statusBar();
        return status.contains(" online") && status.contains("| " + room + " ")
                && rows.stream().limit(Math.max(0, rows.size() - 2)).anyMatch(row -> tree(row).strip().equals(room));
    }

    /** Voice is up: the status bar ends with its transport. */
    boolean voiceUp() {
        String status = statusBar().stripTrailing();
        return status.endsWith(" udp") || status.endsWith(" tunnel");
    }

    /** What is typed in the input line after {@code prompt}, or null when the line shows another prompt. */
    String typed(String prompt) {
        if (rows.size() < 2) {
            return null;
        }
        // capture-pane drops trailing spaces, so an empty line is the prompt without its last space.
        String input = rows.get(rows.size() - 2).stripTrailing();
        if (input.equals(prompt.stripTrailing())) {
            return "";
        }
        return input.startsWith(prompt) ? input.substring(prompt.length()) : null;
    }

    /** People shown talking ({@code >}) in the room tree. */
    int talking() {
        return (int) rows.stream().limit(Math.max(0, rows.size() - 2))
                .filter(row -> TALKING.matcher(tree(row)).matches()).count();
    }

    /** Speakers listed in the F3 voice diagnostics overlay, and of them those with audio in their jitter buffer. */
    int[] overlaySpeakers() {
        int listed = 0;
        int buffering = 0;
        for (String row : rows) {
            int separator = row.indexOf('|');
            var speaker = SPEAKER.matcher(separator < 0 ? row : row.substring(separator + 1));
            if (speaker.matches()) {
                listed++;
                if (Integer.parseInt(speaker.group(1)) > 0) {
                    buffering++;
                }
            }
        }
        return new int[] {listed, buffering};
    }

    /** The room tree's part of a row: up to the separator column. */
    private static String tree(String row) {
        int separator = row.indexOf('|');
        return separator < 0 ? row : row.substring(0, separator);
    }
}
