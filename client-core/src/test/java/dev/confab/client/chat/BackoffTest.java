package dev.confab.client.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximum() {
        Backoff backoff = Backoff.DEFAULT;
        Duration delay = backoff.initialDelay();
        StringBuilder delays = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            delays.append(delay.toMillis()).append(' ');
            delay = backoff.after(delay);
        }
        assertThat(delays.toString().strip()).isEqualTo("100 200 400 800 1600 3200 5000 5000");
    }

    @Test
    void jitterOnlyShortensAndStaysWithinItsShare() {
        Backoff backoff = Backoff.DEFAULT;
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            long millis = backoff.jittered(Duration.ofMillis(1000), random).toMillis();
            assertThat(millis).isBetween(800L, 1000L);
        }
    }

    @Test
    void givesUpOnlyWhenToldTo() {
        assertThat(Backoff.DEFAULT.givesUp(Duration.ofDays(365))).isFalse();
        Backoff patient = Backoff.DEFAULT.givingUpAfter(Duration.ofMinutes(1));
        assertThat(patient.givesUp(Duration.ofSeconds(59))).isFalse();
        assertThat(patient.givesUp(Duration.ofSeconds(61))).isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
