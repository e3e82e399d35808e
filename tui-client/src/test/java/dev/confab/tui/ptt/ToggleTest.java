package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ToggleTest {

    @Test
    void eachFlipStartsOrStops() {
        Toggle toggle = new Toggle();
        toggle.flip(0);
        assertThat(toggle.on()).isTrue();
        assertThat(toggle.tick(Duration.ofHours(5).toNanos())).isFalse();
        toggle.flip(1);
        assertThat(toggle.on()).isFalse();
    }

    @Test
    void stopsByItselfAfterTheAutoStop() {
        Toggle toggle = new Toggle(Duration.ofSeconds(30));
        toggle.flip(0);
        assertThat(toggle.tick(Duration.ofSeconds(30).toNanos() - 1)).isFalse();
        assertThat(toggle.tick(Duration.ofSeconds(30).toNanos())).isTrue();
        assertThat(toggle.on()).isFalse();
        toggle.flip(Duration.ofSeconds(40).toNanos()); // the time counts from the latest start
        assertThat(toggle.tick(Duration.ofSeconds(69).toNanos())).isFalse();
        assertThat(toggle.tick(Duration.ofSeconds(70).toNanos())).isTrue();
    }
}
