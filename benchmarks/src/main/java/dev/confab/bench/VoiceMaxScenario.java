package dev.confab.bench;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The most the relay delivers without dropping: rooms of voice sessions with a rising number of
 * speakers, level after level on one server, until the relay or the kernel drops packets, or
 * receivers miss some, beyond a tolerance. Reports the last clean level, and what ended the
 * climb (the server, or this load generator, which shares the machine).
 */
@Command(name = "max", mixinStandardHelpOptions = true,
        description = "Steps up the speakers until packets are dropped or lost; reports the last clean level.")
final class VoiceMaxScenario extends VoiceScenario {

    @Option(names = "--start", defaultValue = "100", description = "Speakers at the first level (default: ${DEFAULT-VALUE}).")
    int start;

    @Option(names = "--step", defaultValue = "50", description = "Speakers added per level (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--max-speakers", defaultValue = "0",
            description = "Stop after this many speakers even if clean (default: every session).")
    int maxSpeakers;

    @Option(names = "--step-seconds", defaultValue = "10", description = "Seconds measured per level (default: ${DEFAULT-VALUE}).")
    int stepSeconds;

    @Option(names = "--step-warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "Seconds of sending before each level's window (default: ${DEFAULT-VALUE}).")
    int stepWarmup;

    @Option(names = "--tolerance", defaultValue = "0.1", paramLabel = "PERCENT",
            description = "Largest loss, and largest server-side drops (as a share of frames sent), of a clean level"
                    + " (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--open-every", defaultValue = "16", paramLabel = "N",
            description = "Open (check the seal of) one received packet in N: opening costs this generator about"
                    + " 1.4 us a packet, which at these rates it needs for receiving (default: ${DEFAULT-VALUE}).")
    int openEvery;

    @Override
    String name() {
        return "max";
    }

    @Override
    int openEvery() {
        return openEvery;
    }

    @Override
    void validateMore() {
        if (start < 1 || step < 1 || maxSpeakers < 0 || stepSeconds < 1 || stepWarmup < 0 || tolerance < 0) {
            throw new IllegalArgumentException("need --start, --step, --step-seconds >= 1, --max-speakers,"
                    + " --step-warmup and --tolerance >= 0");
        }
    }

    @Override
    void measure(BenchSession session, VoiceTraffic traffic, int relayPort, List<VoiceTraffic.Voice> routed,
                 ScenarioResult result) throws Exception {
        int limit = maxSpeakers == 0 ? routed.size() : Math.min(maxSpeakers, routed.size());
        result.setting("start", start).setting("step", step).setting("max_speakers", limit)
                .setting("step_seconds", stepSeconds).setting("step_warmup", stepWarmup)
                .setting("tolerance_percent", tolerance);
        VoiceLevel.Outcome clean = null;
        VoiceLevel.Outcome over = null;
        ScenarioResult levelNotes = new ScenarioResult("levels");
        for (int speakers = Math.min(start, limit); speakers <= limit; speakers += step) {
            List<VoiceTraffic.Voice> talking = speakers(routed, speakers);
            VoiceLevel.Outcome outcome = VoiceLevel.measure(session.target().pid(),
                    () -> VoiceLevel.relayTotals(session, levelNotes), traffic, relayPort, talking, stepWarmup,
                    stepSeconds);
            boolean ok = outcome.clean(tolerance);
            System.err.println("  " + (ok ? "clean: " : "OVER:  ") + outcome.line());
            result.note((ok ? "clean: " : "over: ") + outcome.line());
            checkDeliveries(outcome, result);
            if (!ok) {
                over = outcome;
                break;
            }
            clean = outcome;
            if (speakers == limit) {
                break;
            }
            if (speakers + step > limit) {
                speakers = limit - step; // the last level is every session
            }
        }
        levelNotes.notes().stream().distinct().forEach(result::note);
        if (clean != null) {
            clean.addTo(result, "", "last clean level: ");
        } else {
            result.note("no clean level: even " + Math.min(start, limit) + " speakers were over the tolerance");
        }
        if (over != null) {
            over.addTo(result, "over_", "first level over: ");
            List<String> why = over.limits();
            result.note("the climb ended at " + over.speakers() + " speakers: "
                    + (why.isEmpty() ? "packets that opened badly or went to the wrong room" : String.join("; ", why)));
            result.note(String.format(Locale.ROOT,
                    "CPU at that level: server %.2f cores, load generator %.2f, rest of the machine %.2f, of 2",
                    over.serverCores(), over.loadgenCores(), over.otherCores()));
        } else {
            result.note("every level up to " + limit + " speakers was clean: the limit is above what this crowd can send"
                    + " (more rooms or sessions, with --rooms and --size)");
        }
    }
}
