package dev.confab.client.chat;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a ban lasts, read the way people write it: a number and a unit (s, m, h, d or w),
 * several combined like {@code 1h30m}, any case. One grammar for confab-cli's {@code ban --for}
 * and the TUI's {@code /ban}; no duration at all is a ban for good, which is the callers' to say.
 */
public final class BanDurations {

    /** Longer than anyone means, short of forever. */
    public static final Duration LONGEST = Duration.ofDays(100 * 365);

    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhdw])");

    private BanDurations() {
    }

    /**
     * The duration {@code text} writes (surrounding spaces ignored).
     *
     * @throws IllegalArgumentException whose message, written to follow the text quoted, says
     *                                  what is wrong: "is not a duration such as ..." or "must be
     *                                  more than 0 and at most 100 years"
     */
    public static Duration parse(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        Matcher part = PART.matcher(lower);
        Duration total = Duration.ZERO;
        int end = 0;
        // Stops adding once past the longest: nine-digit parts could otherwise overflow a Duration.
        while (total.compareTo(LONGEST) <= 0 && part.find() && part.start() == end) {
            total = total.plus(unit(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
            end = part.end();
        }
        if (total.compareTo(LONGEST) > 0 || total.isZero() && !lower.isEmpty() && end == lower.length()) {
            throw new IllegalArgumentException("must be more than 0 and at most 100 years");
        }
        if (lower.isEmpty() || end != lower.length()) {
            throw new IllegalArgumentException("is not a duration such as 90s, 10m, 2h, 7d or 1h30m");
        }
        return total;
    }

    private static Duration unit(String letter) {
        return switch (letter) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
    }
}
