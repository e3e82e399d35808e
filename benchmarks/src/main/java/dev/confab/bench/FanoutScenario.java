package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long a message takes to reach everyone in a big room: many members join one room, one
 * more connection posts to it at a steady rate with its send time in the text, and every
 * member records when each message arrived. The latency covers the whole path: the request,
 * the group commit, the hub, the broadcast and TLS to each member, and the member's decoding.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Members in one room, one sender at a steady rate; reports delivery latency to every member.")
final class FanoutScenario extends ScenarioCommand {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--members", defaultValue = "1000", description = "Connections in the room (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--rate", defaultValue = "50", description = "Messages a second from the sender (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds of sending (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "SECONDS",
            description = "Messages sent in the first seconds are delivered and counted but left out of the latencies"
                    + " (JIT compilation of the path) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    String name() {
        return "fanout";
    }

    @Override
    int roomsNeeded() {
        return 1;
    }

    @Override
    void validate() {
        if (members < 1 || rate <= 0 || rate > 100 || seconds < 1 || warmup < 0 || warmup >= seconds) {
            throw new IllegalArgumentException(
                    "need --members >= 1, 0 < --rate <= 100 (the server's limit) and --seconds > --warmup >= 0");
        }
    }

    @Override
    ScenarioResult run(BenchSession session) throws Exception {
        long pid = session.target().pid();
        long room = session.rooms().get(0);
        ScenarioResult result = new ScenarioResult(name())
                .setting("members", members).setting("rate", rate).setting("seconds", seconds).setting("warmup", warmup);
        // One connection more than the members: the sender, which stays outside the room.
        Bounded.Outcome<ChatConnection> opened = session.openClients(members + 1, parallel, PHASE_TIMEOUT);
        reportFailures(result, "connect", opened);
        if (opened.results().size() < 2) {
            throw new IllegalStateException("could not open a sender and at least one member: " + opened.errors().summary());
        }
        ChatConnection sender = opened.results().get(0);
        List<ChatConnection> inRoom = opened.results().subList(1, opened.results().size());
        Bounded.Outcome<Reply> joined = Bounded.run("join", inRoom.size(), parallel, PHASE_TIMEOUT,
                i -> inRoom.get(i).request(id -> new Request.Join(id, room, null)));
        reportFailures(result, "join", joined);
        int joinedCount = joined.results().size();
        Duration settled = Settle.untilIdle(pid, SETTLE_TIMEOUT);

        long expectedMessages = Math.round(rate * seconds);
        LatencyRecorder deliveries = new LatencyRecorder((int) Math.min(100_000_000, expectedMessages * inRoom.size() * 11 / 10 + 1000));
        long firstTimed = Math.round(rate * warmup);
        FanoutProbe probe = new FanoutProbe(session.tag(), deliveries, firstTimed);
        inRoom.forEach(member -> probe.listen(member, room));
        PacedSender paced = new PacedSender(sender, room, rate, expectedMessages, firstTimed, probe::stamp);

        PhaseMeter cpu = PhaseMeter.start("sending", pid);
        paced.start();
        TimeUnit.SECONDS.sleep(seconds);
        paced.stop();
        cpu.report(result);

        long expectedDeliveries = waitForDeliveries(probe, paced, joinedCount);
        LatencyRecorder.Summary latency = deliveries.summary();
        LatencyRecorder.Summary ack = paced.ackLatency();
        result.figure("members_joined", "members in the room", joinedCount, "")
                .figure("join_seconds", "time for the members to join", joined.took().toMillis() / 1000.0, "s")
                .figure("settle_seconds", "server busy after the joins were answered", settled.toMillis() / 1000.0, "s")
                .figure("messages_sent", "messages sent", paced.sent(), "")
                .figure("messages_acknowledged", "messages acknowledged (posted)", paced.acknowledged(), "")
                .figure("deliveries_expected", "deliveries expected (acknowledged x members)", expectedDeliveries, "")
                .figure("deliveries_received", "deliveries received", probe.received(), "")
                .figure("deliveries_measured", "deliveries timed (sent after the warm-up)", latency.count(), "")
                .figure("latency_p50_ms", "fan-out latency p50", latency.p50Millis(), "ms")
                .figure("latency_p99_ms", "fan-out latency p99", latency.p99Millis(), "ms")
                .figure("latency_p999_ms", "fan-out latency p99.9", latency.p999Millis(), "ms")
                .figure("latency_max_ms", "fan-out latency max", latency.maxMillis(), "ms")
                .figure("ack_p50_ms", "sender's say -> posted p50 (after warm-up)", ack.p50Millis(), "ms")
                .figure("ack_p99_ms", "sender's say -> posted p99 (after warm-up)", ack.p99Millis(), "ms");
        if (paced.errors().total() > 0) {
            result.note("sender failures: " + paced.errors().summary());
        }
        if (probe.unreadable() > 0 || latency.overflow() > 0) {
            result.note(probe.unreadable() + " deliveries had an unreadable stamp, " + latency.overflow() + " exceeded the recorder");
        }
        if (probe.received() < expectedDeliveries) {
            result.problem((expectedDeliveries - probe.received()) + " deliveries never arrived");
        }
        return result;
    }

    /**
     * Waits until every member has every acknowledged message, or the drain timeout passes.
     * Returns the deliveries expected: acknowledged messages times members.
     */
    private static long waitForDeliveries(FanoutProbe probe, PacedSender sender, int members) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (sender.allAnswered() && probe.received() >= sender.acknowledged() * members) {
                break;
            }
            Thread.sleep(20);
        }
        return sender.acknowledged() * members;
    }
}
