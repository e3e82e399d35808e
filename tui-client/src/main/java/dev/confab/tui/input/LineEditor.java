package dev.confab.tui.input;

import java.util.ArrayList;
import java.util.List;

/**
 * The input line: text, a cursor, the usual editing keys and a history, with no terminal in it
 * (the UI maps key strokes to these calls), so every behaviour is tested directly. The cursor
 * counts UTF-16 units but never rests inside a surrogate pair.
 */
public final class LineEditor {

    /** Lines kept in the history. */
    public static final int MAX_HISTORY = 500;

    private final StringBuilder text = new StringBuilder();
    private int cursor;
    private final List<String> history = new ArrayList<>();
    /** Where Up/Down stand in the history: history.size() is the line being typed. */
    private int browsing;
    private String draft = "";

    public String text() {
        return text.toString();
    }

    public int cursor() {
        return cursor;
    }

    public void insert(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c)) {
                text.insert(cursor++, c);
            }
        }
    }

    public void backspace() {
        if (cursor > 0) {
            int from = Character.offsetByCodePoints(text, cursor, -1);
            text.delete(from, cursor);
            cursor = from;
        }
    }

    public void delete() {
        if (cursor < text.length()) {
            text.delete(cursor, Character.offsetByCodePoints(text, cursor, 1));
        }
    }

    public void left() {
        if (cursor > 0) {
            cursor = Character.offsetByCodePoints(text, cursor, -1);
        }
    }

    public void right() {
        if (cursor < text.length()) {
            cursor = Character.offsetByCodePoints(text, cursor, 1);
        }
    }

    public void home() {
        cursor = 0;
    }

    public void end() {
        cursor = text.length();
    }

    /** Ctrl-K. */
    public void killToEnd() {
        text.setLength(cursor);
    }

    /** Ctrl-U. */
    public void killToStart() {
        text.delete(0, cursor);
        cursor = 0;
    }

    /** Ctrl-W: the word before the cursor, and the spaces after it. */
    public void killWord() {
        int from = cursor;
        while (from > 0 && text.charAt(from - 1) == ' ') {
            from--;
        }
        while (from > 0 && text.charAt(from - 1) != ' ') {
            from--;
        }
        text.delete(from, cursor);
        cursor = from;
    }

    /** Replaces the whole line (completion), cursor at {@code newCursor}. */
    public void replace(String line, int newCursor) {
        text.setLength(0);
        cursor = 0;
        insert(line);
        cursor = Math.max(0, Math.min(newCursor, text.length()));
        if (cursor > 0 && cursor < text.length() && Character.isLowSurrogate(text.charAt(cursor))) {
            cursor--;
        }
    }

    /** Enter: returns the line and clears it; a line that is not blank goes to the history (no repeats in a row). */
    public String enter() {
        String line = text.toString();
        if (!line.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
            history.add(line);
            if (history.size() > MAX_HISTORY) {
                history.remove(0);
            }
        }
        text.setLength(0);
        cursor = 0;
        browsing = history.size();
        draft = "";
        return line;
    }

    /** Up: the previous line of the history; the line being typed is kept for Down to return to. */
    public void up() {
        if (browsing == 0) {
            return;
        }
        if (browsing == history.size()) {
            draft = text.toString();
        }
        browsing--;
        show(history.get(browsing));
    }

    public void down() {
        if (browsing >= history.size()) {
            return;
        }
        browsing++;
        show(browsing == history.size() ? draft : history.get(browsing));
    }

    private void show(String line) {
        text.setLength(0);
        text.append(line);
        cursor = text.length();
    }

    /** The first character to show so that the cursor is visible in {@code width} columns. */
    public int scrollFor(int width) {
        if (width <= 1) {
            return cursor;
        }
        return Math.max(0, cursor - (width - 1));
    }
}
