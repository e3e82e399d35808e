package dev.confab.bench.jitter;

import dev.confab.bench.Stats;
import dev.confab.client.audio.jitter.JitterOptions;
import java.util.List;

/**
 * A jitter buffer profile on a simulated network, measured over seeds and phases of the playback
 * clock: the phase alone moves each spurt's delay by up to a frame, so every seed is played at
 * {@value #PHASES} phases spread over one frame.
 *
 * @param key     a stable name, for --json
 * @param label   what a person reads
 * @param profile the receiver's jitter buffer options
 * @param network the network, with the profile's frame size (the length of talk is set per measurement)
 */
public record JitterCase(String key, String label, JitterOptions profile, NetworkSimulator network) {

    /** Playback clock phases per seed: 0, 1/10, ... 9/10 of a frame after the sender's. */
    public static final int PHASES = 10;

    private static final NetworkSimulator LOW_LATENCY_NETWORK = NetworkSimulator.DEFAULT.withFrameMillis(10);
    private static final NetworkSimulator CLEAN = NetworkSimulator.DEFAULT.withLoss(0).withJitterMillis(2).withReorder(0);

    /** The issue's case: 10 % loss and 40 ms of jitter, no reordering, default profile. */
    public static final JitterCase ISSUE = new JitterCase("default_loss10_jitter40",
            "default profile (20 ms frames), 10 % loss, 40 ms jitter, no reordering", JitterOptions.DEFAULT,
            NetworkSimulator.DEFAULT.withReorder(0));
    public static final JitterCase REORDERED = new JitterCase("default_loss10_jitter40_reorder5",
            "default profile (20 ms frames), 10 % loss, 40 ms jitter, 5 % reordering", JitterOptions.DEFAULT,
            NetworkSimulator.DEFAULT);
    public static final JitterCase LESS_JITTER = new JitterCase("default_loss10_jitter30_reorder5",
            "default profile (20 ms frames), 10 % loss, 30 ms jitter, 5 % reordering", JitterOptions.DEFAULT,
            NetworkSimulator.DEFAULT.withJitterMillis(30));
    public static final JitterCase LOW_LATENCY = new JitterCase("low_latency_loss10_jitter30_reorder5",
            "low-latency profile (10 ms frames, 10 ms floor), 10 % loss, 30 ms jitter, 5 % reordering",
            JitterOptions.LOW_LATENCY, LOW_LATENCY_NETWORK.withJitterMillis(30));
    public static final JitterCase CLEAN_DEFAULT = new JitterCase("default_clean",
            "default profile (20 ms frames), clean network (2 ms jitter)", JitterOptions.DEFAULT, CLEAN);
    public static final JitterCase CLEAN_LOW_LATENCY = new JitterCase("low_latency_clean",
            "low-latency profile (10 ms frames, 10 ms floor), clean network (2 ms jitter)", JitterOptions.LOW_LATENCY,
            CLEAN.withFrameMillis(10));

    /** What {@code bin/bench-audio jitter} runs, in order. */
    public static final List<JitterCase> ALL = List.of(ISSUE, REORDERED, LESS_JITTER, LOW_LATENCY, CLEAN_DEFAULT,
            CLEAN_LOW_LATENCY);

    public JitterCase {
        if (profile.frameMillis() != network.frameMillis()) {
            throw new IllegalArgumentException("the network's frames (" + network.frameMillis()
                    + " ms) must be the profile's (" + profile.frameMillis() + " ms)");
        }
    }

    /**
     * Plays seeds 1 to {@code seeds}, each at {@value #PHASES} clock phases, with
     * {@code talkSeconds} of talk per run.
     */
    public JitterFigures measure(int seeds, int talkSeconds) {
        if (seeds < 1 || talkSeconds < 1) {
            throw new IllegalArgumentException("need at least 1 seed and 1 s of talk");
        }
        NetworkSimulator net = network.withTalkSeconds(talkSeconds);
        long frameNanos = net.frameMillis() * 1_000_000L;
        int runs = seeds * PHASES;
        double[] p50s = new double[runs];
        double[] p95s = new double[runs];
        double late = 0;
        long fec = 0;
        long plc = 0;
        long tail = 0;
        long stretch = 0;
        long silences = 0;
        int longest = 0;
        int maxDepth = 0;
        int r = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            NetworkSimulator.Run run = net.run(seed);
            for (int phase = 0; phase < PHASES; phase++, r++) {
                PlayoutSimulation sim = new PlayoutSimulation(profile, run, phase * frameNanos / PHASES);
                p50s[r] = sim.percentileDelay(0.5);
                p95s[r] = sim.percentileDelay(0.95);
                late += sim.latePercent();
                fec += sim.buffer().fecFrames();
                plc += sim.buffer().plcFrames();
                tail += sim.buffer().tailFrames();
                stretch += sim.buffer().stretchFrames();
                silences += sim.silencesInTalk();
                longest = Math.max(longest, sim.longestSilenceInTalk());
                maxDepth = Math.max(maxDepth, sim.maxDepthMillis());
            }
        }
        double minutes = runs * talkSeconds / 60.0;
        return new JitterFigures(runs, Stats.median(p50s), Stats.median(p95s), late / runs, fec / minutes,
                plc / minutes, tail / minutes, stretch / minutes, silences, longest, maxDepth);
    }
}
