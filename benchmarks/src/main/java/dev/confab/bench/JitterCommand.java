package dev.confab.bench;

import dev.confab.bench.jitter.JitterCase;
import dev.confab.bench.jitter.JitterFigures;
import dev.confab.bench.jitter.NetworkSimulator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The jitter buffer's added delay, late drops and concealment on a simulated bad network, for
 * each {@link JitterCase}: client-core's real {@code JitterBuffer} fed by a seeded
 * {@link NetworkSimulator} in simulated time, so the figures do not depend on the machine and
 * repeat exactly.
 */
// Picocli formats descriptions: "%%" prints "%".
@Command(name = "jitter", mixinStandardHelpOptions = true,
        description = {"The jitter buffer's added delay (p50, p95), late drops, FEC, PLC and stretches on a simulated"
                + " network: 10 %% loss (each packet independently), jitter uniform from 0 to 30 or 40 ms on top of a"
                + " 30 ms base latency, 0 or 5 %% of packets held back until just after the next one, a speaker"
                + " talking in spurts of 1 to 4 s with 0.3 to 1.5 s DTX pauses; and a clean network (2 ms jitter).",
                "Each case plays every seed at 10 phases of the playback clock. It runs in simulated time"
                        + " (nothing sleeps, no audio device, no network), so it is deterministic: the same options"
                        + " give the same figures on any machine."})
final class JitterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "3", description = "Network seeds per case, 1 to N (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seconds", defaultValue = "60",
            description = "Seconds of talk per run, pauses not counted (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--json", description = "Print one JSON object per case instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (seeds < 1 || seconds < 1) {
            throw new IllegalArgumentException("--seeds and --seconds must be at least 1");
        }
        Report report = new Report(spec.commandLine().getOut(), json);
        for (JitterCase c : JitterCase.ALL) {
            report.result(result(c, c.measure(seeds, seconds)));
        }
        return 0;
    }

    private ScenarioResult result(JitterCase c, JitterFigures f) {
        NetworkSimulator net = c.network();
        return new ScenarioResult("jitter: " + c.label())
                .setting("case", c.key())
                .setting("frame_ms", c.profile().frameMillis())
                .setting("jitter_floor_ms", c.profile().minDelay().toMillis())
                .setting("loss_percent", net.lossRate() * 100)
                .setting("jitter_ms", net.jitterMillis())
                .setting("reorder_percent", net.reorderRate() * 100)
                .setting("base_latency_ms", NetworkSimulator.BASE_LATENCY_MILLIS)
                .setting("seeds", seeds).setting("phases", JitterCase.PHASES).setting("talk_seconds_per_run", seconds)
                .figure("added_delay_p50_ms", "added delay p50 (median of the runs' p50)", f.p50Millis(), "ms")
                .figure("added_delay_p95_ms", "added delay p95 (median of the runs' p95)", f.p95Millis(), "ms")
                .figure("late_percent", "late (of packets arrived)", f.latePercent(), "%")
                .figure("fec_per_minute", "FEC frames per minute of talk", f.fecPerMinute(), "")
                .figure("plc_per_minute", "PLC frames per minute of talk", f.plcPerMinute(), "")
                .figure("tail_per_minute", "tail frames (after a spurt) per minute", f.tailPerMinute(), "")
                .figure("stretch_per_minute", "stretch frames per minute of talk", f.stretchPerMinute(), "")
                .figure("silent_frames_in_talk", "silent frames in talk (all " + f.runs() + " runs)",
                        f.silentFramesInTalk(), "")
                .figure("longest_silence_in_talk_frames", "longest silence in talk", f.longestSilenceInTalk(), "frames")
                .figure("max_depth_ms", "most audio buffered", f.maxDepthMillis(), "ms");
    }
}
