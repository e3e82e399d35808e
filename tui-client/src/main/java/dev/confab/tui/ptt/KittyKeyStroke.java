package dev.confab.tui.ptt;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * A kitty protocol key event as Lanterna's input gives it (through {@link KittyKeyPattern}). It
 * reads as the equivalent plain key ({@link KeyType#F5}, the character, the modifiers; a
 * character beyond the Basic Multilingual Plane, which Lanterna cannot hold, as
 * {@link KeyType#Unknown}), so screens that do not care keep working. But with the protocol on,
 * keys also arrive as REPEAT and RELEASE events: the UI first hands each stroke to
 * {@link PushToTalk#key(KeyStroke, long)}, then ignores strokes that are not
 * {@link #isPressOrRepeat()}.
 */
public final class KittyKeyStroke extends KeyStroke {

    private final KeyEvent event;

    private KittyKeyStroke(KeyEvent event, KeyType type) {
        super(type, event.modifiers().ctrl(), event.modifiers().alt(), event.modifiers().shift());
        this.event = event;
    }

    private KittyKeyStroke(KeyEvent event, char character) {
        super(character, event.modifiers().ctrl(), event.modifiers().alt(), event.modifiers().shift());
        this.event = event;
    }

    /** Lanterna has one constructor for characters and another for named keys: this picks. */
    public static KittyKeyStroke of(KeyEvent event) {
        if (event.key() instanceof NamedKey named) {
            return new KittyKeyStroke(event, named.lanterna());
        }
        int codePoint = ((Key.Char) event.key()).codePoint();
        return Character.isBmpCodePoint(codePoint)
                ? new KittyKeyStroke(event, (char) codePoint)
                : new KittyKeyStroke(event, KeyType.Unknown);
    }

    public KeyEvent event() {
        return event;
    }

    /** Whether the UI should act on it as typing (a release is not). */
    public boolean isPressOrRepeat() {
        return event.type() != KeyEvent.Type.RELEASE;
    }
}
