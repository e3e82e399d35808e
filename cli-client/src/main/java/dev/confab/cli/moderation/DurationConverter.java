package dev.confab.cli.moderation;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads how long a ban lasts the way people write it: 90s, 10m, 2h, 7d, 2w, or combined like 1h30m. */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhdw])");
    /** Longer than anyone means, short of forever (which is no --for at all). */
    private static final Duration LONGEST = Duration.ofDays(100 * 365);

    @Override
    public Duration convert(String text) {
        String trimmed = text.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            total = total.plus(unit(part.group(2)).multipliedBy(Long.parseLong(part.group(1))));
            end = part.end();
        }
        if (trimmed.isEmpty() || end != trimmed.length()) {
            throw new TypeConversionException("invalid duration '" + text
                    + "': use a number and a unit (s, m, h, d or w), like 90s, 10m, 2h, 7d or 1h30m");
        }
        if (total.isZero() || total.compareTo(LONGEST) > 0) {
            throw new TypeConversionException("invalid duration '" + text + "': it must be more than 0 and at most 100 years"
                    + " (leave out --for for a permanent ban)");
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
