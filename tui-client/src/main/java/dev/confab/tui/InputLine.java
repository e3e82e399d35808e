package dev.confab.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.confab.client.app.ClientState;
import dev.confab.tui.input.Completer;
import dev.confab.tui.input.LineEditor;
import dev.confab.tui.view.Painter;
import dev.confab.tui.view.StyledLine;

/**
 * Maps key strokes to the {@link LineEditor} and shows the line after a prompt, scrolled so the
 * cursor stays visible. In secret mode (a password) it shows stars and keeps nothing in history.
 */
final class InputLine {

    /** The line as drawn, and the screen column of the cursor. */
    record Shown(StyledLine line, int cursorColumn) {
    }

    private final LineEditor editor = new LineEditor();
    private final Completer completer = new Completer();
    private final LineEditor secretEditor = new LineEditor();
    private boolean secret;

    /** The next line entered is a secret (not echoed, not kept). */
    void askSecret() {
        secret = true;
    }

    /** Applies a key; returns the line when Enter finished one, else null. */
    String key(KeyStroke key, ClientState state) {
        LineEditor e = secret ? secretEditor : editor;
        if (key.getKeyType() == KeyType.Tab) {
            if (!secret) {
                completer.complete(e, state);
            }
            return null;
        }
        completer.reset();
        boolean ctrl = key.isCtrlDown() && key.getKeyType() == KeyType.Character;
        char c = key.getCharacter() == null ? 0 : Character.toLowerCase(key.getCharacter());
        switch (key.getKeyType()) {
            case Enter -> {
                String line = e.enter();
                if (secret) {
                    secret = false;
                }
                return line;
            }
            case Backspace -> e.backspace();
            case Delete -> e.delete();
            case ArrowLeft -> e.left();
            case ArrowRight -> e.right();
            case Home -> e.home();
            case End -> e.end();
            case ArrowUp -> {
                if (!secret) {
                    e.up();
                }
            }
            case ArrowDown -> {
                if (!secret) {
                    e.down();
                }
            }
            case Character -> {
                if (ctrl && c == 'a') {
                    e.home();
                } else if (ctrl && c == 'e') {
                    e.end();
                } else if (ctrl && c == 'k') {
                    e.killToEnd();
                } else if (ctrl && c == 'u') {
                    e.killToStart();
                } else if (ctrl && c == 'w') {
                    e.killWord();
                } else if (!key.isCtrlDown() && !key.isAltDown()) {
                    e.insert(String.valueOf(key.getCharacter()));
                }
            }
            default -> {
                // other keys do not edit the line
            }
        }
        return null;
    }

    Shown shown(String prompt, int width) {
        String label = secret ? "password: " : prompt;
        LineEditor e = secret ? secretEditor : editor;
        String text = secret ? "*".repeat(e.text().length()) : e.text();
        int room = Math.max(1, width - label.length());
        int from = e.scrollFor(room);
        String visible = Painter.fit(text.substring(Math.min(from, text.length())), room);
        StyledLine line = new StyledLine.Builder().add(label, TextColor.ANSI.CYAN, true).add(visible).build();
        return new Shown(line, label.length() + e.cursor() - from);
    }
}
