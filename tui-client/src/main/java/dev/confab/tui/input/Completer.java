package dev.confab.tui.input;

import dev.confab.client.app.ClientState;
import dev.confab.protocol.Member;
import dev.confab.protocol.RoomInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Tab completion of the word before the cursor: command names after a leading {@code /}, room
 * names for the commands that take a room, person names elsewhere (with {@code ": "} when the
 * name starts the line, as IRC clients do). Tab again cycles through the candidates, in
 * alphabetical order; any other key ends the cycle ({@link #reset}).
 */
public final class Completer {

    private List<String> candidates = List.of();
    private int next;
    private int wordStart;
    private String before = "";
    private String after = "";

    /** Completes in {@code editor}; returns whether anything was completed. */
    public boolean complete(LineEditor editor, ClientState state) {
        if (candidates.isEmpty()) {
            start(editor, state);
            if (candidates.isEmpty()) {
                return false;
            }
        }
        String choice = candidates.get(next);
        next = (next + 1) % candidates.size();
        String inserted = choice + (wordStart == 0 && !choice.startsWith("/") ? ": " : " ");
        editor.replace(before + inserted + after, before.length() + inserted.length());
        return true;
    }

    /** Ends a cycle: the next Tab completes afresh. */
    public void reset() {
        candidates = List.of();
        next = 0;
    }

    private void start(LineEditor editor, ClientState state) {
        String text = editor.text();
        int cursor = editor.cursor();
        int start = cursor;
        while (start > 0 && text.charAt(start - 1) != ' ') {
            start--;
        }
        String prefix = text.substring(start, cursor).toLowerCase(Locale.ROOT);
        wordStart = start;
        before = text.substring(0, start);
        after = text.substring(cursor);
        TreeSet<String> found = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (start == 0 && prefix.startsWith("/")) {
            for (SlashCommands.Spec spec : SlashCommands.COMMANDS) {
                if (("/" + spec.name()).startsWith(prefix)) {
                    found.add("/" + spec.name());
                }
            }
        } else if (takesRoom(text)) {
            for (RoomInfo room : state.rooms()) {
                if (room.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    found.add(room.name());
                }
            }
        } else {
            for (Member m : state.members()) {
                if (m.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    found.add(m.name());
                }
            }
        }
        candidates = new ArrayList<>(found);
        next = 0;
    }

    private static boolean takesRoom(String text) {
        if (!text.startsWith("/")) {
            return false;
        }
        String name = text.substring(1).split(" ", 2)[0].toLowerCase(Locale.ROOT);
        return SlashCommands.COMMANDS.stream().anyMatch(s -> s.name().equals(name)
                && s.completes() == SlashCommands.Argument.ROOM);
    }
}
