package dev.confab.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every scenario command shares: choosing the server, repeating the run, printing. Each
 * run gets a fresh server (when this tool starts it) and a fresh event loop group, so runs do
 * not inherit each other's warm caches, database rows or half-closed connections.
 */
abstract class ScenarioCommand implements Callable<Integer> {

    /**
     * Two threads for every client connection: the load generator shares the machine with the
     * server, and more threads would only take CPU from the thing being measured.
     */
    static final int CLIENT_IO_THREADS = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--repeat", defaultValue = "1", description = "Runs, each against a fresh server; a summary gives medians (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--json", description = "Print one JSON object per run (and one summary) instead of text.")
    boolean json;

    @Option(names = "--parallel", defaultValue = "64",
            description = "Connections being opened (or requests of a setup phase in flight) at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--request-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long one request may wait for its answer (default: ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    /** The scenario's name, as printed and in --json. */
    abstract String name();

    /** How many fresh rooms the scenario needs. */
    abstract int roomsNeeded();

    /** Checks the scenario's own options before anything starts. */
    abstract void validate();

    /** One run against a prepared session. It must end by itself within a bounded time. */
    abstract ScenarioResult run(BenchSession session) throws Exception;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || parallel < 1 || requestTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--repeat, --parallel and --request-timeout must be at least 1");
        }
        validate();
        Report report = new Report(spec.commandLine().getOut(), json);
        List<ScenarioResult> results = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            System.err.printf("%s: run %d of %d%n", name(), run, repeat);
            ScenarioResult result = runOnce();
            results.add(result);
            report.run(result, run, repeat);
        }
        if (repeat > 1) {
            report.summary(results);
        }
        return results.stream().allMatch(result -> result.problems().isEmpty()) ? 0 : 1;
    }

    private ScenarioResult runOnce() throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(CLIENT_IO_THREADS, new DefaultThreadFactory("bench-io", true));
        try (Target target = targetOptions.open()) {
            BenchSession session = BenchSession.prepare(target, group, roomsNeeded(),
                    Duration.ofSeconds(requestTimeoutSeconds));
            ScenarioResult result = run(session);
            result.setting("server", target.description());
            return result;
        } finally {
            // After the target closed: a server this run started is already gone, so this only
            // closes sockets; for an existing server it drops every load connection at once.
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
    }

    static double megabytes(long bytes) {
        return bytes < 0 ? -1 : Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
    }

    /** A note on what failed in a phase, if anything did. */
    static void reportFailures(ScenarioResult result, String phase, Bounded.Outcome<?> outcome) {
        if (outcome.failed() > 0 || outcome.unfinished() > 0) {
            result.note(phase + ": " + outcome.failed() + " failed (" + outcome.errors().summary() + "), "
                    + outcome.unfinished() + " unfinished within the phase's time limit");
        }
    }
}
