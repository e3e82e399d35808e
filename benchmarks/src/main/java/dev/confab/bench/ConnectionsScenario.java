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
 * How many logged-in connections the server holds, and what they cost it: open N TLS
 * connections with token logins, spread them over rooms, hold them, then check each one still
 * answers a ping. Memory is the server's resident set size, at zero load connections and at N.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Opens and holds many logged-in connections; reports how many held, the time to open them and the server's memory.")
final class ConnectionsScenario extends ScenarioCommand {
    /** Long enough for the slowest phase seen with 5,000 connections on two cores, several times over. */
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(15);
    /** Lets the freshly started server finish JIT-compiling its start-up before the baseline. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Option(names = "--count", defaultValue = "5000", description = "Connections to open (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--rooms", defaultValue = "50",
            description = "Rooms the connections are spread over; 0 leaves them all in the lobby (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--hold", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to hold them all before checking (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--password-logins", defaultValue = "2",
            description = "Password logins made at once after the hold, while every connection is open: each costs"
                    + " the server a 64 MiB Argon2 hash, so a heap sized only for the connections fails here"
                    + " (default: ${DEFAULT-VALUE}, the server's hashing threads).")
    int passwordLogins;

    @Override
    String name() {
        return "connections";
    }

    @Override
    int roomsNeeded() {
        return rooms;
    }

    @Override
    void validate() {
        if (count < 1 || rooms < 0 || holdSeconds < 0 || passwordLogins < 0) {
            throw new IllegalArgumentException("--count must be at least 1, --rooms, --hold and --password-logins at least 0");
        }
    }

    @Override
    ScenarioResult run(BenchSession session) throws Exception {
        long pid = session.target().pid();
        ScenarioResult result = new ScenarioResult(name())
                .setting("count", count).setting("rooms", rooms).setting("hold_seconds", holdSeconds)
                .setting("parallel", parallel).setting("password_logins", passwordLogins);
        Thread.sleep(SETTLE.toMillis());
        long idleRss = ProcStats.rssBytes(pid);

        PhaseMeter connectCpu = PhaseMeter.start("connect", pid);
        Bounded.Outcome<ChatConnection> opened = session.openClients(count, parallel, PHASE_TIMEOUT);
        List<ChatConnection> connections = opened.results();
        double connectCpuSeconds = connectCpu.serverCpuSeconds();
        connectCpu.report(result);

        PhaseMeter joinCpu = PhaseMeter.start("join", pid);
        Bounded.Outcome<Reply> joined = spreadOverRooms(connections, session.rooms());
        double joinCpuSeconds = joinCpu.serverCpuSeconds();
        if (rooms > 0) {
            joinCpu.report(result);
        }

        PhaseMeter holdCpu = PhaseMeter.start("hold", pid);
        long peakRss = hold(pid);
        holdCpu.report(result);

        long open = connections.stream().filter(connection -> !connection.closeFuture().isDone()).count();
        long loadedRss = ProcStats.rssBytes(pid);
        // After the memory figure, so it is the memory of the connections alone; before the
        // ping sweep, so the sweep also shows the server survived the hashing.
        Bounded.Outcome<ChatConnection> passwordLoggedIn = Bounded.run("password login", passwordLogins, passwordLogins,
                PHASE_TIMEOUT, i -> session.openPasswordClient());
        long afterPasswordRss = ProcStats.rssBytes(pid);
        Bounded.Outcome<Reply> pinged = Bounded.run("ping", connections.size(), parallel, PHASE_TIMEOUT,
                i -> connections.get(i).request(Request.Ping::new));

        result.figure("requested", "connections requested", count, "")
                .figure("connected", "connected and logged in", connections.size(), "")
                .figure("connect_seconds", "time to connect and log in all", opened.took().toMillis() / 1000.0, "s")
                .figure("connects_per_second", "connect + TLS + login rate", opened.perSecond(), "/s")
                .figure("server_cpu_ms_per_connect", "server CPU per connect + login",
                        perConnection(connectCpuSeconds, connections.size()), "ms")
                .figure("joined", "joined a room", rooms == 0 ? -1 : joined.results().size(), "")
                .figure("join_seconds", "time to join rooms", rooms == 0 ? -1 : joined.took().toMillis() / 1000.0, "s")
                .figure("server_cpu_ms_per_join", "server CPU per join",
                        perConnection(joinCpuSeconds, joined.results().size()), "ms")
                .figure("still_open", "still open after the hold", open, "")
                .figure("held", "held (answered a ping after the hold)", pinged.results().size(), "")
                .figure("rss_idle_mb", "server RSS at 0 load connections", megabytes(idleRss), "MB")
                .figure("rss_loaded_mb", "server RSS at " + connections.size() + " connections", megabytes(loadedRss), "MB")
                .figure("rss_peak_mb", "server RSS peak during the hold", megabytes(peakRss), "MB")
                .figure("password_logins_ok", "password logins that succeeded after the hold",
                        passwordLogins == 0 ? -1 : passwordLoggedIn.results().size(), "")
                .figure("rss_after_password_logins_mb", "server RSS after those logins",
                        passwordLogins == 0 ? -1 : megabytes(afterPasswordRss), "MB")
                .figure("rss_per_connection_kb", "server RSS per held connection",
                        loadedRss < 0 || pinged.results().isEmpty() ? -1
                                : Math.round((loadedRss - idleRss) / 1024.0 / pinged.results().size() * 10) / 10.0, "KB");
        reportFailures(result, "connect", opened);
        reportFailures(result, "join", joined);
        reportFailures(result, "password login", passwordLoggedIn);
        reportFailures(result, "ping", pinged);
        if (passwordLoggedIn.results().size() < passwordLogins) {
            result.problem("only " + passwordLoggedIn.results().size() + " of " + passwordLogins + " password logins succeeded");
        }
        if (pinged.results().size() < count) {
            result.problem("only " + pinged.results().size() + " of " + count + " connections were held");
        }
        return result;
    }

    /** Connection i joins room i mod rooms; with no rooms, everyone stays in the lobby. */
    private Bounded.Outcome<Reply> spreadOverRooms(List<ChatConnection> connections, List<Long> roomIds)
            throws InterruptedException {
        int joining = roomIds.isEmpty() ? 0 : connections.size();
        return Bounded.run("join", joining, parallel, PHASE_TIMEOUT, i -> {
            long room = roomIds.get(i % roomIds.size());
            return connections.get(i).request(id -> new Request.Join(id, room, null));
        });
    }

    private static double perConnection(double cpuSeconds, int connections) {
        return cpuSeconds < 0 || connections == 0 ? -1 : Math.round(cpuSeconds * 1000 / connections * 100) / 100.0;
    }

    /** Waits out the hold, sampling the server's memory every second; returns the peak. */
    private long hold(long pid) throws InterruptedException {
        long peak = ProcStats.rssBytes(pid);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            peak = Math.max(peak, ProcStats.rssBytes(pid));
        }
        return peak;
    }
}
