package dev.confab.cli.moderation;

import dev.confab.client.chat.BanDurations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --for}: how long a ban lasts, as {@link BanDurations} reads it (90s, 10m, 2h, 7d, 2w, 1h30m). */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return BanDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("invalid duration '" + text + "': it " + e.getMessage()
                    + " (leave out --for for a permanent ban)");
        }
    }
}
