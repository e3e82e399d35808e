package dev.confab.tui.view;

import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextColor;
import dev.confab.client.app.ChatEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The chat pane's lines: each entry as {@code HH:mm name text}, wrapped to the pane's width with
 * continuation lines indented under the text, {@code /me} as {@code * name text}, direct messages
 * marked {@code [dm]}, notices dimmed behind {@code --} and errors in red behind {@code !!}.
 * Scrolling counts wrapped lines up from the bottom.
 */
public final class ChatView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private ChatView() {
    }

    /**
     * The {@code height} lines to show, ending {@code scrollBack} wrapped lines above the newest.
     *
     * @param zone  the zone timestamps are shown in (the person's)
     * @param shown how to show an author's account name (their display name, if they have one);
     *              colours stay by account name, so a new display name keeps its colour
     */
    public static List<StyledLine> lines(List<ChatEntry> entries, int width, int height, int scrollBack, ZoneId zone,
                                         UnaryOperator<String> shown) {
        return window(wrapped(entries, width, zone, shown), height, scrollBack);
    }

    /** Every entry wrapped at {@code width}; its size less the height is the most one can scroll back. */
    public static List<StyledLine> wrapped(List<ChatEntry> entries, int width, ZoneId zone, UnaryOperator<String> shown) {
        List<StyledLine> all = new ArrayList<>();
        for (ChatEntry e : entries) {
            wrap(format(e, zone, shown), width, all);
        }
        return all;
    }

    /** The {@code height} lines of {@code all} ending {@code scrollBack} lines above the last. */
    public static List<StyledLine> window(List<StyledLine> all, int height, int scrollBack) {
        int end = Math.max(0, all.size() - Math.max(0, scrollBack));
        int start = Math.max(0, end - height);
        return all.subList(start, end);
    }

    static StyledLine format(ChatEntry e, ZoneId zone, UnaryOperator<String> shown) {
        String time = TIME.format(Instant.ofEpochMilli(e.ts()).atZone(zone)) + " ";
        StyledLine.Builder line = new StyledLine.Builder().add(time, TextColor.ANSI.BLACK_BRIGHT, false);
        switch (e.kind()) {
            case MESSAGE -> line.add(shown.apply(e.author()), Palette.of(e.author()), true).add(" " + e.text());
            case ACTION -> line.add("* ", TextColor.ANSI.DEFAULT, true)
                    .add(shown.apply(e.author()), Palette.of(e.author()), true).add(" " + e.text());
            case DIRECT -> line.add("[dm] ", TextColor.ANSI.MAGENTA_BRIGHT, true)
                    .add(shown.apply(e.author()), Palette.of(e.author()), true).add(" " + e.text());
            case NOTICE -> line.add("-- " + e.text(), TextColor.ANSI.BLACK_BRIGHT, false);
            case ERROR -> line.add("!! " + e.text(), TextColor.ANSI.RED_BRIGHT, true);
        }
        return line.build();
    }

    /** Breaks {@code line} at {@code width} columns, at a space where there is one; continuation lines are indented by 6. */
    static void wrap(StyledLine line, int width, List<StyledLine> out) {
        if (width <= 8) {
            out.add(line);
            return;
        }
        int indent = 6;
        List<StyledLine.Span> current = new ArrayList<>();
        int used = 0;
        for (StyledLine.Span span : line.spans()) {
            String rest = span.text();
            while (!rest.isEmpty()) {
                int room = width - used;
                String fits = Painter.fit(rest, room);
                if (fits.length() < rest.length()) {
                    int space = fits.lastIndexOf(' ');
                    if (space > 0 && used + space > indent) {
                        fits = fits.substring(0, space + 1);
                    } else if (fits.isEmpty() && used > indent) {
                        fits = "";
                    } else if (fits.isEmpty()) {
                        fits = rest.substring(0, Character.charCount(rest.codePointAt(0)));
                    }
                }
                if (!fits.isEmpty()) {
                    current.add(new StyledLine.Span(fits, span.color(), span.bold(), span.reverse()));
                    used += TerminalTextUtils.getColumnWidth(fits);
                    rest = rest.substring(fits.length());
                }
                if (!rest.isEmpty()) {
                    out.add(new StyledLine(current));
                    current = new ArrayList<>();
                    current.add(StyledLine.Span.plain(" ".repeat(indent)));
                    used = indent;
                    rest = rest.stripLeading();
                }
            }
        }
        out.add(new StyledLine(current));
    }
}
