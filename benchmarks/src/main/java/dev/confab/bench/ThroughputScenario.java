package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How many room messages a second the server accepts and persists: many connections post as
 * fast as their rate limit allows, and every {@code posted} reply (sent only after the commit)
 * is counted in the second it arrived. Afterwards the stored messages are read back and must
 * be exactly the acknowledged ones. Nobody is inside the rooms posted to, so this measures
 * accepting and persisting, not fan-out (the fanout scenario measures that).
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Many connections post as fast as allowed; reports messages accepted and persisted per second.")
final class ThroughputScenario extends ScenarioCommand {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--connections", defaultValue = "200", description = "Posting connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--seconds", defaultValue = "20", description = "Seconds of posting, warm-up included (default: ${DEFAULT-VALUE}).")
    int seconds;

    /**
     * On two shared cores the JIT compilers are still busy about 10 s into the run (their threads
     * show up in the CPU notes), and the rate climbs until they are done.
     */
    @Option(names = "--warmup", defaultValue = "10", paramLabel = "SECONDS",
            description = "First seconds left out of the median (JIT compilation, SQLite cache) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", defaultValue = "50",
            description = "Messages a second per connection; keep it under the server's per-connection limit"
                    + " (100/s before commit 81d0674, 20,000/s for token logins since) (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--window", defaultValue = "16",
            description = "Unanswered messages allowed per connection (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--rooms", defaultValue = "10", description = "Rooms posted to (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--text-length", defaultValue = "64", description = "Characters per message, about (default: ${DEFAULT-VALUE}).")
    int textLength;

    @Override
    String name() {
        return "throughput";
    }

    @Override
    int roomsNeeded() {
        return rooms;
    }

    @Override
    void validate() {
        if (connections < 1 || seconds <= warmup || warmup < 0 || rate <= 0 || window < 1 || rooms < 1) {
            throw new IllegalArgumentException("need --connections, --rate, --window, --rooms > 0 and --seconds > --warmup >= 0");
        }
    }

    @Override
    ScenarioResult run(BenchSession session) throws Exception {
        long pid = session.target().pid();
        ScenarioResult result = new ScenarioResult(name())
                .setting("connections", connections).setting("seconds", seconds).setting("warmup", warmup)
                .setting("rate_per_connection", rate).setting("window", window).setting("rooms", rooms)
                .setting("text_length", textLength);
        Bounded.Outcome<ChatConnection> opened = session.openClients(connections, parallel, PHASE_TIMEOUT);
        reportFailures(result, "connect", opened);
        List<ChatConnection> clients = opened.results();

        long start = System.nanoTime();
        PerSecondCounter perSecond = new PerSecondCounter(start, seconds);
        LatencyRecorder ackLatency = new LatencyRecorder((int) Math.min(50_000_000, rate * clients.size() * seconds * 1.2 + 1000));
        SayPump pump = new SayPump(clients, session.rooms(), session.tag(), rate, window, textLength, perSecond, ackLatency);
        pump.timeLatenciesFrom(start + TimeUnit.SECONDS.toNanos(warmup));
        pump.start();
        TimeUnit.SECONDS.sleep(warmup);
        PhaseMeter cpu = PhaseMeter.start("posting", pid);
        TimeUnit.NANOSECONDS.sleep(start + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime());
        cpu.report(result);
        pump.stop();
        boolean allAnswered = pump.awaitAnswers(ANSWER_TIMEOUT);

        double[] measured = perSecond.seconds(warmup, seconds);
        result.note("posted per second, warm-up included: " + java.util.Arrays.toString(
                java.util.Arrays.stream(perSecond.seconds(0, seconds)).mapToLong(count -> (long) count).toArray()));
        result.figure("offered_per_second", "offered (connections x rate)", clients.size() * rate, "msg/s")
                .figure("persisted_per_second", "accepted and persisted (median second)", Stats.median(measured), "msg/s")
                .figure("persisted_per_second_min", "slowest second after warm-up", Stats.min(measured), "msg/s")
                .figure("persisted_per_second_max", "fastest second after warm-up", Stats.max(measured), "msg/s");
        LatencyRecorder.Summary latency = ackLatency.summary();
        result.figure("ack_p50_ms", "say -> posted latency p50 (after warm-up)", latency.p50Millis(), "ms")
                .figure("ack_p99_ms", "say -> posted latency p99 (after warm-up)", latency.p99Millis(), "ms")
                .figure("sent", "messages sent", pump.sent(), "")
                .figure("acknowledged", "messages acknowledged (posted)", pump.acknowledged(), "")
                .figure("refused", "messages refused or failed", pump.errors().total(), "");
        if (pump.errors().total() > 0) {
            result.note("failures: " + pump.errors().summary());
        }
        if (!allAnswered) {
            result.problem("some messages were still unanswered " + ANSWER_TIMEOUT.toSeconds() + " s after sending stopped");
        }
        verifyStored(session, clients, pump, result);
        return result;
    }

    /** Reads every run room back and compares its messages with the acknowledged ones. */
    private void verifyStored(BenchSession session, List<ChatConnection> clients, SayPump pump, ScenarioResult result)
            throws Exception {
        long verifyStart = System.nanoTime();
        List<CompletableFuture<LongList>> reads = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            // Each room is read by a different connection, so the pages come in parallel.
            reads.add(StoredMessages.ids(clients.get(i % clients.size()), session.rooms().get(i)));
        }
        LongList stored = new LongList();
        for (CompletableFuture<LongList> read : reads) {
            for (long id : read.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).toArray()) {
                stored.add(id);
            }
        }
        StoredMessages.Comparison check = StoredMessages.Comparison.of(stored.toArray(), pump.acknowledgedIds());
        result.figure("stored", "messages stored (read back with history)", check.stored(), "")
                .figure("verify_seconds", "time to read them back", (System.nanoTime() - verifyStart) / 1e9, "s");
        if (check.acknowledgedButMissing() > 0) {
            result.problem(check.acknowledgedButMissing() + " acknowledged messages are not stored");
        }
        if (check.duplicatesStored() > 0) {
            result.problem(check.duplicatesStored() + " message ids appear twice in history");
        }
        if (check.stored() != check.acknowledged()) {
            // Only possible without a problem above if some sends failed after being stored.
            result.note("stored " + check.stored() + " but acknowledged " + check.acknowledged()
                    + " (sends that failed or timed out may still have been stored)");
        } else {
            result.note("verified: the " + check.stored() + " stored messages are exactly the acknowledged ones");
        }
    }
}
