package dev.confab.client.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class BanDurationsProperties {

    /** Any text: a duration within the bounds, or an IllegalArgumentException, never anything else. */
    @Property
    void anyTextIsADurationInBoundsOrAClearRefusal(@ForAll @StringLength(max = 40) String text) {
        try {
            Duration d = BanDurations.parse(text);
            assertThat(d).isPositive().isLessThanOrEqualTo(BanDurations.LONGEST);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).matches("is not a duration such as .*|must be more than 0 and at most 100 years");
        }
    }

    @Property
    void hoursAndMinutesAddUp(@ForAll @IntRange(min = 0, max = 5000) int hours,
                              @ForAll @IntRange(min = 1, max = 59) int minutes) {
        assertThat(BanDurations.parse(hours + "h" + minutes + "M")).isEqualTo(Duration.ofHours(hours).plusMinutes(minutes));
    }

    @Property
    void nineDigitPartsNeverOverflow(@ForAll @IntRange(min = 2, max = 30) int parts) {
        assertThatThrownBy(() -> BanDurations.parse("999999999w".repeat(parts)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100 years");
    }
}
