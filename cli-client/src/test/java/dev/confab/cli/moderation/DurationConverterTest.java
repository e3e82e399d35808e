package dev.confab.cli.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"90s, 90", "10m, 600", "2h, 7200", "7d, 604800", "2w, 1209600", "1h30m, 5400", "1D, 86400", " 5m , 300"})
    void readsANumberAndAUnitOrSeveral(String text, long seconds) {
        assertThat(converter.convert(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "m", "10x", "-5m", "0m", "1h 30m", "1.5h", "h1", "5mm", "99999999999s", "36600d"})
    void refusesAnythingElseSayingWhatItExpects(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("invalid duration '" + text + "'");
    }
}
