package dev.confab.tui.input;

import dev.confab.client.app.ClientState;
import dev.confab.protocol.Member;
import dev.confab.protocol.RoomInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tab completion at the cursor. What is completed follows {@link SlashCommands#COMMANDS}:
 * command names after a leading {@code /}, then each argument by its kind (people, rooms, a
 * command's fixed words); in a chat line, person names (with {@code ": "} after one that
 * starts the line, as IRC clients do). Candidates match the typed prefix in any case and come
 * sorted the same way; Tab again replaces the completion with the next one, round and round.
 * Any other key ends the cycle: the UI calls {@link #reset}, and a line that changed anyway
 * starts a new one.
 */
public final class Completer {

    /** Any case first, so "Bea" comes between "alice" and "bob"; then a fixed order for names that differ only in case. */
    private static final Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER
            .thenComparing(Comparator.naturalOrder());

    private List<String> candidates = List.of();
    private int next;
    /** The line around the word being completed. */
    private String before = "";
    private String after = "";
    private String suffix = "";
    /** The line and cursor as this left them, to tell a Tab that continues the cycle. */
    private String completedText;
    private int completedCursor;

    /** Completes at the cursor of {@code editor}, or puts the cycle's next candidate; returns whether it did anything. */
    public boolean complete(LineEditor editor, ClientState state) {
        boolean continuing = !candidates.isEmpty() && editor.text().equals(completedText)
                && editor.cursor() == completedCursor;
        if (!continuing) {
            start(editor, state);
            if (candidates.isEmpty()) {
                return false;
            }
        }
        String inserted = candidates.get(next) + suffix;
        next = (next + 1) % candidates.size();
        editor.replace(before + inserted + after, before.length() + inserted.length());
        completedText = editor.text();
        completedCursor = editor.cursor();
        return true;
    }

    /** Ends a cycle: the next Tab completes afresh. */
    public void reset() {
        candidates = List.of();
        next = 0;
        completedText = null;
    }

    private void start(LineEditor editor, ClientState state) {
        reset();
        String text = editor.text();
        int cursor = editor.cursor();
        SlashCommands.Slot slot = SlashCommands.slotAt(text, cursor);
        String prefix = text.substring(slot.start(), cursor).toLowerCase(Locale.ROOT);
        candidates = names(slot, state)
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(prefix))
                .distinct()
                .sorted(ORDER)
                .toList();
        before = text.substring(0, slot.start());
        after = text.substring(cursor);
        suffix = slot.suffix();
    }

    private static Stream<String> names(SlashCommands.Slot slot, ClientState state) {
        return switch (slot.kind()) {
            case COMMAND -> SlashCommands.COMMANDS.stream().map(SlashCommands.Spec::name);
            case PERSON -> state.members().stream().map(Member::name);
            case ROOM -> state.rooms().stream().map(RoomInfo::name);
            case CHOICE -> slot.choices().stream();
            case NONE, TEXT -> Stream.empty();
        };
    }
}
