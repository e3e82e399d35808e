package dev.confab.client.audio.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The estimator's running figures equal those computed from scratch over its windows. */
class DelayEstimatorProperties {

    @Property(tries = 300)
    void matchesAFromScratchComputation(@ForAll @Size(max = 700) List<@LongRange(min = -2000, max = 2000) Long> transits,
                                        @ForAll @IntRange(min = 1, max = 300) int history,
                                        @ForAll @DoubleRange(min = 0.5, max = 1) double percentile) {
        DelayEstimator estimator = new DelayEstimator(history, percentile);
        ArrayDeque<Long> recent = new ArrayDeque<>();
        ArrayDeque<Long> excesses = new ArrayDeque<>();
        for (long transit : transits) {
            estimator.add(transit);
            recent.addLast(transit);
            if (recent.size() > DelayEstimator.BASELINE_PACKETS) {
                recent.removeFirst();
            }
            long baseline = recent.stream().mapToLong(Long::longValue).min().orElseThrow();
            excesses.addLast(transit - baseline);
            if (excesses.size() > history) {
                excesses.removeFirst();
            }
            long[] sorted = excesses.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            int rank = Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(percentile * sorted.length) - 1));
            assertThat(estimator.baseline()).isEqualTo(baseline);
            assertThat(estimator.excessPercentile()).isEqualTo(sorted[rank]);
        }
        assertThat(estimator.hasData()).isEqualTo(!transits.isEmpty());
    }
}
