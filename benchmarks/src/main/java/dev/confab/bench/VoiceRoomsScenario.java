package dev.confab.bench;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The everyday shape of a voice server: many small rooms, a few people talking in each. Every
 * speaker sends a 20 ms frame (60 to 120 bytes, sealed) 50 times a second; every other member of
 * its room must receive it. Reports what arrived, what the relay and the kernel dropped, the
 * server's CPU per delivered packet, and the latency of every delivery.
 */
@Command(name = "rooms", mixinStandardHelpOptions = true,
        description = "Rooms of voice sessions with some speakers each; reports delivery, drops, server CPU and latency.")
final class VoiceRoomsScenario extends VoiceScenario {

    @Option(names = "--speakers", defaultValue = "1", description = "Speakers per room (default: ${DEFAULT-VALUE}).")
    int speakersPerRoom;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds measured, after the warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS",
            description = "Seconds of sending before the measured window (JIT compilation) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--open-every", defaultValue = "1", paramLabel = "N",
            description = "Open (check the seal of) one received packet in N (default: ${DEFAULT-VALUE}: all).")
    int openEvery;

    @Override
    String name() {
        return "rooms";
    }

    @Override
    int openEvery() {
        return openEvery;
    }

    @Override
    void validateMore() {
        if (speakersPerRoom < 1 || speakersPerRoom > size || seconds < 1 || warmup < 0) {
            throw new IllegalArgumentException("need 1 <= --speakers <= --size, --seconds >= 1, --warmup >= 0");
        }
    }

    @Override
    void measure(BenchSession session, VoiceTraffic traffic, int relayPort, List<VoiceTraffic.Voice> routed,
                 ScenarioResult result) throws Exception {
        result.setting("speakers_per_room", speakersPerRoom).setting("seconds", seconds).setting("warmup", warmup);
        List<VoiceTraffic.Voice> speakers = speakers(routed, speakersPerRoom * rooms);
        VoiceLevel.Outcome outcome = VoiceLevel.measure(session.target().pid(),
                () -> VoiceLevel.relayTotals(session, result), traffic, relayPort, speakers, warmup, seconds);
        outcome.addTo(result, "", "");
        checkDeliveries(outcome, result);
        System.err.println("  " + outcome.line());
        for (String limit : outcome.limits()) {
            result.note("loss: " + limit);
        }
    }
}
