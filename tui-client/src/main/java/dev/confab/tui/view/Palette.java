package dev.confab.tui.view;

import com.googlecode.lanterna.TextColor;
import java.util.List;

/**
 * Stable colours per person: the same name gets the same colour in every session and on every
 * screen, from the 16-colour palette every terminal has (black, white and the default left out,
 * as they vanish on one background or the other).
 */
public final class Palette {

    private static final List<TextColor.ANSI> NAMES = List.of(TextColor.ANSI.RED, TextColor.ANSI.GREEN,
            TextColor.ANSI.YELLOW, TextColor.ANSI.BLUE, TextColor.ANSI.MAGENTA, TextColor.ANSI.CYAN,
            TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT,
            TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.MAGENTA_BRIGHT, TextColor.ANSI.CYAN_BRIGHT);

    private Palette() {
    }

    /** The colour of {@code name}: a hash that does not change between Java versions (not String.hashCode's contract). */
    public static TextColor.ANSI of(String name) {
        int h = 0x811c9dc5;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ Character.toLowerCase(name.charAt(i))) * 0x01000193;
        }
        return NAMES.get(Math.floorMod(h, NAMES.size()));
    }
}
