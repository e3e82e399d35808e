package dev.confab.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;

/** Draws {@link StyledLine}s into a rectangle, clipped to its width (wide characters counted as two columns). */
public final class Painter {

    private Painter() {
    }

    /** Draws {@code lines} from row {@code top}, at most {@code height} of them, clearing what is left of the rectangle. */
    public static void paint(TextGraphics g, int left, int top, int width, int height, List<StyledLine> lines) {
        for (int row = 0; row < height; row++) {
            clear(g, left, top + row, width);
            if (row < lines.size()) {
                paintLine(g, left, top + row, width, lines.get(row));
            }
        }
    }

    public static void paintLine(TextGraphics g, int left, int row, int width, StyledLine line) {
        int column = 0;
        for (StyledLine.Span span : line.spans()) {
            if (column >= width) {
                break;
            }
            String text = fit(span.text(), width - column);
            g.setForegroundColor(span.color());
            g.setBackgroundColor(TextColor.ANSI.DEFAULT);
            g.clearModifiers();
            if (span.bold()) {
                g.enableModifiers(SGR.BOLD);
            }
            if (span.reverse()) {
                g.enableModifiers(SGR.REVERSE);
            }
            g.putString(left + column, row, text);
            column += TerminalTextUtils.getColumnWidth(text);
        }
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
    }

    private static void clear(TextGraphics g, int left, int row, int width) {
        g.clearModifiers();
        g.setForegroundColor(TextColor.ANSI.DEFAULT);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.putString(left, row, " ".repeat(Math.max(0, width)));
    }

    /** The longest prefix of {@code text} that fits in {@code columns}; control characters become spaces. */
    public static String fit(String text, int columns) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
            int w = TerminalTextUtils.getColumnWidth(ch);
            if (used + w > columns) {
                break;
            }
            out.append(ch);
            used += w;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
