package dev.confab.tui.ptt;

import com.googlecode.lanterna.input.KeyType;

/** The keys that type nothing and that a talk key may be, or that the kitty parser recognises. */
public enum NamedKey implements Key {
    F1(KeyType.F1), F2(KeyType.F2), F3(KeyType.F3), F4(KeyType.F4), F5(KeyType.F5), F6(KeyType.F6),
    F7(KeyType.F7), F8(KeyType.F8), F9(KeyType.F9), F10(KeyType.F10), F11(KeyType.F11), F12(KeyType.F12),
    UP(KeyType.ArrowUp), DOWN(KeyType.ArrowDown), LEFT(KeyType.ArrowLeft), RIGHT(KeyType.ArrowRight),
    HOME(KeyType.Home), END(KeyType.End), INSERT(KeyType.Insert), DELETE(KeyType.Delete),
    PAGE_UP(KeyType.PageUp), PAGE_DOWN(KeyType.PageDown),
    ENTER(KeyType.Enter), TAB(KeyType.Tab), BACKSPACE(KeyType.Backspace), ESCAPE(KeyType.Escape);

    private final KeyType lanterna;

    NamedKey(KeyType lanterna) {
        this.lanterna = lanterna;
    }

    /** How Lanterna names this key. */
    public KeyType lanterna() {
        return lanterna;
    }
}
