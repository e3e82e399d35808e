package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordersTest {

    @Test
    void latencyPercentilesAreInMillisecondsAndOverflowIsCounted() {
        LatencyRecorder recorder = new LatencyRecorder(4);
        for (long millis : new long[] {4, 1, 3, 2, 100}) {
            recorder.record(TimeUnit.MILLISECONDS.toNanos(millis));
        }
        LatencyRecorder.Summary summary = recorder.summary();
        assertThat(summary.count()).isEqualTo(4);
        assertThat(summary.overflow()).isEqualTo(1);
        assertThat(summary.p50Millis()).isEqualTo(2.0);
        assertThat(summary.maxMillis()).isEqualTo(4.0);
    }

    @Test
    void eventsLandInTheSecondTheyHappenedAndLateOnesAreIgnored() {
        long start = 1_000_000_000_000L;
        PerSecondCounter counter = new PerSecondCounter(start, 3);
        counter.record(start);
        counter.record(start + 999_999_999);
        counter.record(start + 1_000_000_000);
        counter.record(start + 2_500_000_000L);
        counter.record(start + 3_000_000_000L);
        counter.record(start - 1);
        assertThat(counter.seconds(0, 3)).containsExactly(2, 1, 1);
        assertThat(counter.seconds(1, 3)).containsExactly(1, 1);
    }

    @Test
    void storedAndAcknowledgedIdsAreCompared() {
        var check = StoredMessages.Comparison.of(new long[] {5, 3, 4, 4}, new long[] {3, 4, 9});
        assertThat(check.stored()).isEqualTo(4);
        assertThat(check.acknowledged()).isEqualTo(3);
        assertThat(check.acknowledgedButMissing()).isEqualTo(1);
        assertThat(check.duplicatesStored()).isEqualTo(1);
    }
}
