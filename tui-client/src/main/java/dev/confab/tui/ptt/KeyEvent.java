package dev.confab.tui.ptt;

import java.util.Objects;

/**
 * One key event as the kitty keyboard protocol reports it: which key, the modifiers held, and
 * whether it went down, repeats or came up. Without the protocol every key is a {@link Type#PRESS}.
 */
public record KeyEvent(Key key, Modifiers modifiers, Type type) {

    public enum Type { PRESS, REPEAT, RELEASE }

    /** Shift, alt, ctrl and super; the protocol's hyper, meta and lock states are left out, as no setting names them. */
    public record Modifiers(boolean shift, boolean alt, boolean ctrl, boolean superKey) {

        public static final Modifiers NONE = new Modifiers(false, false, false, false);

        /** From the protocol's bit field (the modifier parameter minus one): shift 1, alt 2, ctrl 4, super 8. */
        static Modifiers fromBits(int bits) {
            return new Modifiers((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
        }

        @Override
        public String toString() {
            return (ctrl ? "ctrl+" : "") + (alt ? "alt+" : "") + (shift ? "shift+" : "") + (superKey ? "super+" : "");
        }
    }

    public KeyEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(modifiers, "modifiers");
        Objects.requireNonNull(type, "type");
    }

    /** A press without modifiers, as a terminal without the protocol reports every key. */
    public static KeyEvent press(Key key) {
        return new KeyEvent(key, Modifiers.NONE, Type.PRESS);
    }

    @Override
    public String toString() {
        return modifiers + key.toString() + " " + type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
