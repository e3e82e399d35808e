package dev.confab.tui.view;

import com.googlecode.lanterna.TextColor;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a pane as coloured spans: what the views build (pure, testable) and the
 * {@link Painter} draws. Colours are the 16 ANSI ones, so it looks right in any terminal.
 */
public record StyledLine(List<Span> spans) {

    /** A run of text in one style. */
    public record Span(String text, TextColor.ANSI color, boolean bold, boolean reverse) {
        public static Span plain(String text) {
            return new Span(text, TextColor.ANSI.DEFAULT, false, false);
        }
    }

    public StyledLine {
        spans = List.copyOf(spans);
    }

    public static StyledLine of(Span... spans) {
        return new StyledLine(List.of(spans));
    }

    public static StyledLine plain(String text) {
        return of(Span.plain(text));
    }

    /** The text without styles, as a user reading the screen sees it. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Span s : spans) {
            out.append(s.text());
        }
        return out.toString();
    }

    /** A builder, for lines made of several spans. */
    public static final class Builder {
        private final List<Span> spans = new ArrayList<>();

        public Builder add(String text) {
            return add(text, TextColor.ANSI.DEFAULT, false);
        }

        public Builder add(String text, TextColor.ANSI color, boolean bold) {
            if (!text.isEmpty()) {
                spans.add(new Span(text, color, bold, false));
            }
            return this;
        }

        public Builder reverse(String text) {
            spans.add(new Span(text, TextColor.ANSI.DEFAULT, true, true));
            return this;
        }

        public StyledLine build() {
            return new StyledLine(spans);
        }
    }
}
