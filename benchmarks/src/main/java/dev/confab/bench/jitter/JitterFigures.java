package dev.confab.bench.jitter;

import java.util.Locale;

/**
 * What a {@link JitterCase} measured over all its runs (seeds x clock phases).
 *
 * @param runs                 the runs the figures are over
 * @param p50Millis            added delay (playout time minus send time minus the network's least
 *                             delay) of frames played from their own packet: the median over the
 *                             runs of each run's median
 * @param p95Millis            the same for each run's 95th percentile
 * @param latePercent          packets that came after their frame was played or concealed, as a
 *                             share of those that arrived, averaged over the runs
 * @param fecPerMinute         frames rebuilt from the next packet's FEC, per minute of talk
 * @param plcPerMinute         frames concealed with nothing to rebuild them from, per minute of talk
 * @param tailPerMinute        concealment after a spurt's last packet (the voice fading out, not
 *                             loss), per minute of talk
 * @param stretchPerMinute     frames concealed without moving on (the buffer deepening), per minute of talk
 * @param silentFramesInTalk   silent frames answered inside a talk spurt, over all runs
 * @param longestSilenceInTalk the longest run of such frames in any run
 * @param maxDepthMillis       the most audio any run's buffer held
 */
public record JitterFigures(int runs, double p50Millis, double p95Millis, double latePercent, double fecPerMinute,
                            double plcPerMinute, double tailPerMinute, double stretchPerMinute,
                            long silentFramesInTalk, int longestSilenceInTalk, int maxDepthMillis) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "added delay p50 %.1f ms, p95 %.1f ms; late %.2f %%; per minute of talk:"
                        + " FEC %.1f, PLC %.1f, tail %.1f, stretch %.1f; silent frames in talk %d over %d runs"
                        + " (longest run %d); max depth %d ms",
                p50Millis, p95Millis, latePercent, fecPerMinute, plcPerMinute, tailPerMinute, stretchPerMinute,
                silentFramesInTalk, runs, longestSilenceInTalk, maxDepthMillis);
    }
}
