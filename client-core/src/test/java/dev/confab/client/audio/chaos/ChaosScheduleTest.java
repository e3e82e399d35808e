package dev.confab.client.audio.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The decisions follow the settings' definitions, in proportion, and repeat for a seed. */
class ChaosScheduleTest {

    private static final long FRAME = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int PACKETS = 100_000;

    @Test
    void offKeepsEveryPacketAndDelaysNone() {
        ChaosSchedule schedule = new ChaosSchedule(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(schedule.next(ChaosSettings.OFF, FRAME)).isZero();
            assertThat(schedule.reordered()).isFalse();
        }
    }

    @Test
    void lossJitterAndReorderingComeInTheirProportionsAndBounds() {
        ChaosSettings settings = new ChaosSettings(10, 15, 30, 5);
        ChaosSchedule schedule = new ChaosSchedule(42);
        int dropped = 0;
        int reordered = 0;
        double plainDelaySum = 0;
        int plain = 0;
        for (int i = 0; i < PACKETS; i++) {
            long delay = schedule.next(settings, FRAME);
            if (delay == ChaosSchedule.DROP) {
                dropped++;
                continue;
            }
            long millis15 = TimeUnit.MILLISECONDS.toNanos(15);
            long millis45 = TimeUnit.MILLISECONDS.toNanos(45);
            if (schedule.reordered()) {
                reordered++;
                assertThat(delay).isBetween(millis15 + FRAME, millis45 + 2 * FRAME);
            } else {
                assertThat(delay).isBetween(millis15, millis45);
                plainDelaySum += delay;
                plain++;
            }
        }
        assertThat(dropped / (double) PACKETS).isCloseTo(0.10, within(0.005));
        assertThat(reordered / (double) (PACKETS - dropped)).isCloseTo(0.05, within(0.005));
        // Jitter is uniform over 0..30 ms: a mean of 15 ms on top of the fixed 15 ms.
        assertThat(plainDelaySum / plain / 1e6).isCloseTo(30, within(0.3));
    }

    @Test
    void theSameSeedMakesTheSameDecisions() {
        ChaosSettings settings = new ChaosSettings(20, 0, 40, 10);
        ChaosSchedule a = new ChaosSchedule(7);
        ChaosSchedule b = new ChaosSchedule(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.next(settings, FRAME)).isEqualTo(b.next(settings, FRAME));
        }
    }
}
