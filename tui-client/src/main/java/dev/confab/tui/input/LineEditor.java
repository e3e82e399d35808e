package dev.confab.tui.input;

import java.util.ArrayList;
import java.util.List;

/**
 * The input line: text, a cursor, the usual editing keys, a history and a horizontal scroll,
 * with no terminal in it (the UI maps key strokes to these calls), so every behaviour is tested
 * directly. Positions count UTF-16 units, but the cursor and the scroll never rest inside a
 * surrogate pair, and every move and deletion takes a whole code point; how wide a character
 * is on screen is the renderer's business.
 */
public final class LineEditor {

    /** Lines kept in the history. */
    public static final int MAX_HISTORY = 500;

    private final StringBuilder text = new StringBuilder();
    private int cursor;
    /** The first unit shown, kept between draws so the view moves only when the cursor would leave it. */
    private int scroll;
    private final List<String> history = new ArrayList<>();
    /** Where Up/Down stand in the history: history.size() is the line being typed. */
    private int browsing;
    /** The line being typed, kept while Up/Down show the history. */
    private String draft = "";

    public String text() {
        return text.toString();
    }

    public int cursor() {
        return cursor;
    }

    /** Types {@code s} at the cursor; control characters and line breaks (a paste's newlines) are left out. */
    public void insert(String s) {
        s.codePoints().filter(c -> !breaksLine(c)).forEach(c -> {
            String chars = Character.toString(c);
            text.insert(cursor, chars);
            cursor += chars.length();
        });
        // A lone high surrogate typed before a lone low one makes a pair: step over it.
        if (insidePair(cursor)) {
            cursor++;
        }
    }

    public void backspace() {
        if (cursor > 0) {
            int from = Character.offsetByCodePoints(text, cursor, -1);
            text.delete(from, cursor);
            cursor = from;
            settleLeft();
        }
    }

    public void delete() {
        if (cursor < text.length()) {
            text.delete(cursor, Character.offsetByCodePoints(text, cursor, 1));
            settleLeft();
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

    /** Home and Ctrl-A. */
    public void home() {
        cursor = 0;
    }

    /** End and Ctrl-E. */
    public void end() {
        cursor = text.length();
    }

    /** Ctrl-K: deletes from the cursor to the end. */
    public void killToEnd() {
        text.setLength(cursor);
    }

    /** Ctrl-U: deletes from the start to the cursor. */
    public void killToStart() {
        text.delete(0, cursor);
        cursor = 0;
        settleLeft();
    }

    /** Ctrl-W: deletes the word before the cursor and the spaces between it and the cursor. */
    public void killWord() {
        int from = cursor;
        while (from > 0 && Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        text.delete(from, cursor);
        cursor = from;
        settleLeft();
    }

    /** Replaces the whole line (Tab completion) and puts the cursor at {@code newCursor}, clamped. */
    public void replace(String line, int newCursor) {
        text.setLength(0);
        cursor = 0;
        insert(line);
        cursor = Math.max(0, Math.min(newCursor, text.length()));
        settleLeft();
    }

    /**
     * Enter: returns the line and clears it. A line that is not blank goes to the history,
     * unless it repeats the newest entry; the oldest entries go past {@value #MAX_HISTORY}.
     */
    public String enter() {
        String line = text.toString();
        if (!line.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
            history.add(line);
            if (history.size() > MAX_HISTORY) {
                history.remove(0);
            }
        }
        show("");
        browsing = history.size();
        draft = "";
        return line;
    }

    /** Up: the previous line of the history; the line being typed is kept, as the newest, for Down to return to. */
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

    /** Down: the next line of the history, and after the newest the line that was being typed. */
    public void down() {
        if (browsing >= history.size()) {
            return;
        }
        browsing++;
        show(browsing == history.size() ? draft : history.get(browsing));
    }

    /**
     * The first unit of {@link #text} to show in {@code width} columns (at least 1) so that the
     * cursor is visible: {@code 0 <= cursor - scroll < width}. The view stays put while the
     * cursor moves inside it and moves only as far as needed, as readline's does, and it shows
     * as much of the text as fits when the text shrinks.
     */
    public int scrollFor(int width) {
        int columns = Math.max(1, width);
        if (cursor < scroll) {
            scroll = cursor;
        } else if (cursor - scroll >= columns) {
            scroll = cursor - columns + 1;
        }
        scroll = Math.max(0, Math.min(scroll, text.length() - columns + 1));
        if (insidePair(scroll)) {
            scroll++; // never half a character; the cursor, not inside a pair, is still after it
        }
        return scroll;
    }

    /** Whether a character would break the line or the terminal: controls and Unicode line and paragraph separators. */
    static boolean breaksLine(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private void show(String line) {
        text.setLength(0);
        text.append(line);
        cursor = text.length();
    }

    /** A deletion can join a lone high and a lone low surrogate around the cursor: go before the pair. */
    private void settleLeft() {
        if (insidePair(cursor)) {
            cursor--;
        }
    }

    private boolean insidePair(int index) {
        return index > 0 && index < text.length() && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index));
    }
}
