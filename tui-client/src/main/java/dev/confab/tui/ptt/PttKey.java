package dev.confab.tui.ptt;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The talk key, from the {@code ptt-key} setting.
 *
 * <h2>Accepted forms</h2>
 * Modifiers first, each followed by {@code +} ({@code ctrl}, {@code alt}, {@code shift},
 * {@code super}; any order and case), then one key:
 * <ul>
 *   <li>a named key: {@code F1}..{@code F12}, {@code up}, {@code down}, {@code left},
 *       {@code right}, {@code home}, {@code end}, {@code insert}, {@code delete},
 *       {@code pageup}, {@code pagedown}, {@code enter}, {@code tab}, {@code backspace},
 *       {@code escape} (case does not matter);</li>
 *   <li>{@code space};</li>
 *   <li>one character, as typed without shift: {@code `}, {@code §}, {@code +}
 *       ({@code ctrl++}); a letter means its lower case, so {@code A} is {@code a}, and shift+a is
 *       written {@code shift+a}.</li>
 * </ul>
 * Examples: {@code F5}, {@code F12}, {@code ctrl+space}, {@code `}, {@code alt+t}.
 *
 * <h2>The default: F5</h2>
 * A function key, because it types nothing, so holding it cannot leak characters into the
 * message being written, and because terminals and tmux pass F1-F12 through. Not F1 (terminals
 * open their help), F10 (GNOME Terminal and others open the menu bar), F11 (full screen) or F12
 * (the drop-down terminals Guake, Yakuake and Tilda summon and hide on it). Of F2-F9, F5 is the
 * easiest to find blind: the left edge of the middle group of four. Byobu users, whose F-keys
 * Byobu takes, set another key or turn Byobu's off.
 *
 * <h2>Matching</h2>
 * {@link #matches(KeyEvent)} wants the key and exactly the modifiers; {@link #sameKey} ignores
 * the modifiers, for repeats and releases (a modifier let go first must not leave the key held).
 * {@link #matches(KeyStroke)} reads Lanterna's keys for terminals without the kitty protocol;
 * there shift on a character is only seen as upper case, so {@code shift+<letter>} matches the
 * capital, other shifted characters and {@code super} never match.
 */
public record PttKey(Key key, KeyEvent.Modifiers modifiers) {

    public static final PttKey DEFAULT = new PttKey(NamedKey.F5, KeyEvent.Modifiers.NONE);

    private static final Map<String, NamedKey> ALIASES = Map.of(
            "pageup", NamedKey.PAGE_UP, "pgup", NamedKey.PAGE_UP,
            "pagedown", NamedKey.PAGE_DOWN, "pgdn", NamedKey.PAGE_DOWN,
            "esc", NamedKey.ESCAPE, "return", NamedKey.ENTER, "del", NamedKey.DELETE, "ins", NamedKey.INSERT);

    public PttKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(modifiers, "modifiers");
    }

    /**
     * The key a setting names (see the class comment for the forms).
     *
     * @throws IllegalArgumentException naming the setting and the accepted forms
     */
    public static PttKey parse(String setting) {
        String text = setting == null ? "" : setting.strip();
        boolean shift = false;
        boolean alt = false;
        boolean ctrl = false;
        boolean superKey = false;
        int plus;
        // The last '+' before the key separates; "ctrl++" ends in the key '+'.
        while ((plus = text.indexOf('+')) > 0 && plus < text.length() - 1) {
            switch (text.substring(0, plus).toLowerCase(Locale.ROOT)) {
                case "shift" -> shift = true;
                case "alt" -> alt = true;
                case "ctrl", "control" -> ctrl = true;
                case "super" -> superKey = true;
                default -> throw invalid(setting, "unknown modifier '" + text.substring(0, plus) + "'");
            }
            text = text.substring(plus + 1);
        }
        return new PttKey(keyNamed(setting, text), new KeyEvent.Modifiers(shift, alt, ctrl, superKey));
    }

    private static Key keyNamed(String setting, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("space")) {
            return Key.of(' ');
        }
        if (ALIASES.containsKey(lower)) {
            return ALIASES.get(lower);
        }
        for (NamedKey named : NamedKey.values()) {
            if (named.name().replace("_", "").equalsIgnoreCase(name)) {
                return named;
            }
        }
        if (name.codePointCount(0, name.length()) == 1) {
            int codePoint = Character.toLowerCase(name.codePointAt(0));
            if (codePoint > ' ' && !Character.isISOControl(codePoint)) {
                return Key.of(codePoint);
            }
        }
        throw invalid(setting, name.isEmpty() ? "no key" : "unknown key '" + name + "'");
    }

    private static IllegalArgumentException invalid(String setting, String why) {
        return new IllegalArgumentException("ptt-key '" + setting + "': " + why
                + "; use a key such as F5, F12, space or ` with optional ctrl+, alt+, shift+, super+ before it");
    }

    /** The same key with exactly these modifiers: a press that starts talking. */
    public boolean matches(KeyEvent event) {
        return sameKey(event) && event.modifiers().equals(modifiers);
    }

    /** The same key whatever the modifiers: a repeat or release that belongs to a hold. */
    public boolean sameKey(KeyEvent event) {
        return event.key().equals(key);
    }

    /** Lanterna's reading of a key from a terminal without the kitty protocol. */
    public boolean matches(KeyStroke stroke) {
        if (stroke == null || modifiers.superKey() || stroke.isCtrlDown() != modifiers.ctrl() || stroke.isAltDown() != modifiers.alt()) {
            return false;
        }
        if (key instanceof NamedKey named) {
            return stroke.getKeyType() == named.lanterna() && stroke.isShiftDown() == modifiers.shift();
        }
        int codePoint = ((Key.Char) key).codePoint();
        int expected = modifiers.shift() ? Character.toUpperCase(codePoint) : codePoint;
        if (modifiers.shift() && expected == codePoint) {
            return false; // a shifted character Lanterna cannot tell from another one
        }
        return stroke.getKeyType() == KeyType.Character && stroke.getCharacter() != null
                && stroke.getCharacter() == expected;
    }

    /** The setting's form, which {@link #parse} reads back. */
    @Override
    public String toString() {
        if (!(key instanceof NamedKey named)) {
            return modifiers + key.toString();
        }
        boolean functionKey = named.compareTo(NamedKey.F12) <= 0;
        return modifiers + (functionKey ? named.name() : named.name().replace("_", "").toLowerCase(Locale.ROOT));
    }
}
