package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With a fake clock in milliseconds; the defaults are 700 ms before the first repeat, 150 ms between repeats. */
class RepeatHoldTest {

    private final RepeatHold hold = new RepeatHold();

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void aHeldKeyTalksUntilItsRepeatsStop() {
        assertThat(hold.press(ms(0))).isTrue();
        assertThat(hold.tick(ms(500))).isFalse(); // the keyboard's repeat delay
        assertThat(hold.repeat(ms(500))).isFalse();
        for (long t = 530; t <= 2000; t += 30) {
            hold.repeat(ms(t));
            assertThat(hold.tick(ms(t + 10))).isFalse();
        }
        assertThat(hold.tick(ms(2150))).isFalse(); // exactly the gap: still held
        assertThat(hold.tick(ms(2151))).isTrue();
        assertThat(hold.held()).isFalse();
        assertThat(hold.tick(ms(3000))).isFalse();
    }

    @Test
    void aTapTalksForTheInitialGap() {
        hold.press(ms(0));
        assertThat(hold.tick(ms(700))).isFalse();
        assertThat(hold.tick(ms(701))).isTrue();
    }

    @Test
    void withoutTheProtocolRepeatsArriveAsPresses() {
        hold.press(ms(0));
        assertThat(hold.press(ms(600))).isFalse();
        assertThat(hold.press(ms(640))).isFalse();
        assertThat(hold.tick(ms(780))).isFalse(); // the repeat gap (150 ms) applies now
        assertThat(hold.tick(ms(791))).isTrue();
    }

    @Test
    void jitterWithinTheGapDoesNotBreakTheHold() {
        hold.press(ms(0));
        long[] arrivals = {650, 660, 800, 805, 940, 950, 1090};
        for (long t : arrivals) {
            assertThat(hold.tick(ms(t))).isFalse();
            hold.repeat(ms(t));
        }
        assertThat(hold.held()).isTrue();
    }

    @Test
    void aRepeatAfterAStallStartsTalkingAgain() {
        hold.press(ms(0));
        hold.repeat(ms(500));
        assertThat(hold.tick(ms(700))).isTrue();
        assertThat(hold.repeat(ms(720))).isTrue();
        assertThat(hold.tick(ms(860))).isFalse(); // resumed with the repeat gap, not the initial one
        assertThat(hold.tick(ms(871))).isTrue();
    }

    @Test
    void aTrueReleaseEndsAtOnce() {
        hold.press(ms(0));
        assertThat(hold.release()).isTrue();
        assertThat(hold.release()).isFalse();
        assertThat(hold.tick(ms(100))).isFalse();
    }

    @Test
    void gapsAreConfigurable() {
        RepeatHold slow = new RepeatHold(Duration.ofSeconds(1), Duration.ofMillis(300));
        slow.press(ms(0));
        assertThat(slow.tick(ms(1000))).isFalse();
        slow.repeat(ms(1000));
        assertThat(slow.tick(ms(1300))).isFalse();
        assertThat(slow.tick(ms(1301))).isTrue();
        assertThat(slow.initialGap()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new RepeatHold(Duration.ZERO, Duration.ofMillis(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClockMayBeNegativeLikeNanoTime() {
        hold.press(Long.MAX_VALUE - ms(100));
        assertThat(hold.tick(Long.MAX_VALUE - ms(100) + ms(700))).isFalse(); // wraps past Long.MAX_VALUE
        assertThat(hold.tick(Long.MAX_VALUE - ms(100) + ms(701))).isTrue();
    }
}
