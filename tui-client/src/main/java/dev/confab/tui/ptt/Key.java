package dev.confab.tui.ptt;

/** A key on the keyboard: a {@link NamedKey} that types nothing, or the character a key types. */
public sealed interface Key permits NamedKey, Key.Char {

    /**
     * The key that types {@code codePoint}. The kitty protocol reports the unshifted key
     * ({@code a} for shift+a), so this is what a key setting names too.
     */
    record Char(int codePoint) implements Key {
        public Char {
            if (!Character.isValidCodePoint(codePoint)) {
                throw new IllegalArgumentException("not a code point: " + codePoint);
            }
        }

        @Override
        public String toString() {
            return codePoint == ' ' ? "space" : Character.toString(codePoint);
        }
    }

    static Key of(int codePoint) {
        return new Char(codePoint);
    }
}
