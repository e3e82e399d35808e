package dev.confab.bench;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.VoiceCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One measured level of voice load: a set of speakers sending for a warm-up and a window, and
 * everything around it that says what the server did with it: the relay's own counters
 * ({@code server_stats}, before and after), the kernel's drop counters of the relay's sockets and
 * of the load generator's, and CPU of both processes (in total, in the kernel, and by thread)
 * over the window.
 */
final class VoiceLevel {

    /**
     * What one level measured.
     *
     * <p>Counts of drops are over the measured window; {@code levelServerSideDrops} adds the
     * warm-up before it (JIT compilation of the relay's path on a fresh server) and the drain after.
     *
     * @param relay             the relay's counters over the window, or null when server_stats failed
     * @param serverSocketDrops kernel drops of the relay's sockets over the window, -1 when unknown
     * @param clientSocketDrops kernel drops of this generator's sockets over the window
     */
    record Outcome(int speakers, double seconds, VoiceTraffic.Run run, VoiceCounters relay, long serverSocketDrops,
                   int serverSockets, long clientSocketDrops, UdpKernelStats.Totals udp, long levelServerSideDrops,
                   double serverCores,
                   double serverSystemCores, double loadgenCores, double otherCores, double softirqCores,
                   List<ThreadCpu.Use> serverThreads, List<ThreadCpu.Use> loadgenThreads) {

        long expected() {
            return run.sent().expectedInWindow();
        }

        long received() {
            return run.received();
        }

        double deliveredPerSecond() {
            return received() / seconds;
        }

        /** Deliveries expected but not received, in percent; negative if more arrived than expected. */
        double lossPercent() {
            return expected() == 0 ? 0 : (expected() - received()) * 100.0 / expected();
        }

        long relayDrops() {
            return relay == null ? 0 : RelayCounters.drops(relay);
        }

        /** Drops by the relay and by the kernel on the relay's sockets. */
        long serverSideDrops() {
            return relayDrops() + Math.max(0, serverSocketDrops);
        }

        double serverSideDropPercent() {
            long uplink = run.sent().sentInWindow();
            return uplink == 0 ? 0 : serverSideDrops() * 100.0 / uplink;
        }

        double serverMicrosPerDelivered() {
            return received() == 0 || serverCores < 0 ? -1 : serverCores * seconds * 1e6 / received();
        }

        double loadgenMicrosPerDelivered() {
            return received() == 0 || loadgenCores < 0 ? -1 : loadgenCores * seconds * 1e6 / received();
        }

        /** Within tolerance on every count, and nothing wrong with what arrived. */
        boolean clean(double tolerancePercent) {
            return lossPercent() <= tolerancePercent && serverSideDropPercent() <= tolerancePercent
                    && run.receivers().badSeal() == 0 && run.receivers().misrouted() == 0;
        }

        /** Why the level fell short, from the counters; empty when nothing was lost. */
        List<String> limits() {
            List<String> why = new ArrayList<>();
            if (serverSocketDrops > 0) {
                why.add("server: the kernel dropped " + serverSocketDrops + " datagrams at the relay's "
                        + serverSockets + " socket(s) (receive buffer full: the relay threads did not read fast enough)");
            }
            if (relayDrops() > 0) {
                why.add("server: the relay dropped " + relayDrops() + " (" + RelayCounters.describeDrops(relay) + ")");
            }
            if (clientSocketDrops > 0) {
                why.add("load generator: the kernel dropped " + clientSocketDrops
                        + " datagrams at its sockets (its receivers did not read fast enough)");
            }
            if (run.sent().refused() > 0) {
                why.add("load generator: " + run.sent().refused() + " sends refused (its send buffers were full)");
            }
            double sendRate = run.sent().sentInWindow() / seconds;
            if (sendRate < run.sent().targetPerSecond() * 0.99) {
                why.add(String.format(Locale.ROOT, "load generator: sent %.0f frames/s of the %.0f scheduled", sendRate,
                        run.sent().targetPerSecond()));
            }
            long unexplained = expected() - received() - Math.max(0, clientSocketDrops);
            if (why.isEmpty() && unexplained > 0) {
                why.add(unexplained + " deliveries lost with no drop counted anywhere (e.g. sends the relay skipped"
                        + " while its channel was not writable, which it does not count)");
            }
            return why;
        }

        /** Adds this level's figures; {@code prefix} tells levels apart in one result (empty for one level). */
        void addTo(ScenarioResult result, String prefix, String label) {
            LatencyRecorder.Summary latency = run.latency();
            LatencyRecorder.Summary lag = run.sent().lag();
            VoiceTraffic.ReceiverTotals got = run.receivers();
            result.figure(prefix + "speakers", label + "speakers", speakers, "")
                    .figure(prefix + "frames_sent", label + "frames sent in the window", run.sent().sentInWindow(), "")
                    .figure(prefix + "frames_per_second", label + "frames sent per second",
                            run.sent().sentInWindow() / seconds, "/s")
                    .figure(prefix + "deliveries_expected", label + "deliveries expected (frames x room size - 1)",
                            expected(), "")
                    .figure(prefix + "deliveries_received", label + "deliveries received", received(), "")
                    .figure(prefix + "delivered_per_second", label + "delivered packets per second",
                            deliveredPerSecond(), "/s")
                    .figure(prefix + "loss_percent", label + "deliveries lost", Math.max(0, lossPercent()), "%")
                    .figure(prefix + "server_side_drops", label + "server-side drops (relay + kernel at its sockets)",
                            serverSideDrops(), "")
                    .figure(prefix + "server_side_drops_with_warmup",
                            label + "server-side drops, warm-up and drain included", levelServerSideDrops, "")
                    .figure(prefix + "relay_drops", label + "relay drops (server_stats)", relay == null ? -1 : relayDrops(), "")
                    .figure(prefix + "relay_packets_in", label + "relay packets in (server_stats)",
                            relay == null ? -1 : relay.packetsIn(), "")
                    .figure(prefix + "relay_relayed", label + "relay packets relayed (server_stats)",
                            relay == null ? -1 : relay.relayed(), "")
                    .figure(prefix + "server_socket_drops", label + "kernel drops at the relay's sockets",
                            serverSocketDrops, "")
                    .figure(prefix + "client_socket_drops", label + "kernel drops at the generator's sockets",
                            clientSocketDrops, "")
                    .figure(prefix + "udp_rcvbuf_errors", label + "UDP RcvbufErrors (whole machine)", udp.rcvbufErrors(), "")
                    .figure(prefix + "udp_sndbuf_errors", label + "UDP SndbufErrors (whole machine)", udp.sndbufErrors(), "")
                    .figure(prefix + "server_cpu_percent", label + "server CPU (percent of one core)",
                            serverCores < 0 ? -1 : serverCores * 100, "%")
                    .figure(prefix + "server_system_percent", label + "... of which system time (tick-sampled, rough)",
                            serverSystemCores < 0 ? -1 : serverSystemCores * 100, "%")
                    .figure(prefix + "server_us_per_delivered", label + "server CPU per delivered packet",
                            serverMicrosPerDelivered(), "us")
                    .figure(prefix + "loadgen_cpu_percent", label + "load generator CPU (percent of one core)",
                            loadgenCores < 0 ? -1 : loadgenCores * 100, "%")
                    .figure(prefix + "loadgen_us_per_delivered", label + "load generator CPU per delivered packet",
                            loadgenMicrosPerDelivered(), "us")
                    .figure(prefix + "other_cpu_percent", label + "rest of the machine (percent of one core)",
                            otherCores < 0 ? -1 : otherCores * 100, "%")
                    .figure(prefix + "softirq_cpu_percent", label + "softirq, all CPUs (percent of one core)",
                            softirqCores < 0 ? -1 : softirqCores * 100, "%")
                    .figure(prefix + "latency_p50_us", label + "relay latency p50 (send to receipt)",
                            latency.p50Millis() * 1000, "us")
                    .figure(prefix + "latency_p99_us", label + "relay latency p99", latency.p99Millis() * 1000, "us")
                    .figure(prefix + "latency_p999_us", label + "relay latency p99.9", latency.p999Millis() * 1000, "us")
                    .figure(prefix + "latency_max_us", label + "relay latency max", latency.maxMillis() * 1000, "us")
                    .figure(prefix + "pacer_lag_p99_us", label + "pacer lateness p99 (send time - due time)",
                            lag.p99Millis() * 1000, "us")
                    .figure(prefix + "packets_opened", label + "received packets opened (seal checked)", got.opened(), "");
            result.note(prefix + "busiest server threads (cores, of which kernel): " + ThreadCpu.describe(serverThreads));
            result.note(prefix + "busiest load generator threads: " + ThreadCpu.describe(loadgenThreads));
            if (relay != null && relayDrops() > 0) {
                result.note(prefix + "relay drops: " + RelayCounters.describeDrops(relay));
            }
            if (latency.overflow() > 0) {
                result.note(prefix + latency.overflow() + " deliveries were counted but not timed (recorder full)");
            }
        }

        /** A one-line summary, for the per-level progress and notes of the max scenario. */
        String line() {
            return String.format(Locale.ROOT,
                    "%d speakers: %,.0f delivered/s of %,.0f expected (loss %.3f%%), server-side drops %d"
                            + " (relay %d, kernel %d; %d with warm-up), generator socket drops %d; server %.0f%% of a core"
                            + " (%.2f us/packet, kernel %.0f%%), generator %.0f%%, rest %.0f%% (softirq %.0f%%); latency p50 %.0f us,"
                            + " p99 %.0f us",
                    speakers, deliveredPerSecond(), expected() / seconds, lossPercent(), serverSideDrops(),
                    relayDrops(), serverSocketDrops, levelServerSideDrops, clientSocketDrops, serverCores * 100, serverMicrosPerDelivered(),
                    serverCores <= 0 ? 0 : serverSystemCores / serverCores * 100, loadgenCores * 100, otherCores * 100,
                    softirqCores * 100, run.latency().p50Millis() * 1000, run.latency().p99Millis() * 1000);
        }
    }

    private VoiceLevel() {
    }

    /**
     * Runs one level on {@code traffic} and measures it.
     *
     * @param pid         the server's process id, or -1 (no CPU figures then)
     * @param relayTotals reads the relay's counters, or gives null when it cannot
     */
    static Outcome measure(long pid, Supplier<VoiceCounters> relayTotals, VoiceTraffic traffic, int relayPort,
                           List<VoiceTraffic.Voice> speakers, int warmupSeconds, int seconds) throws InterruptedException {
        Snapshot levelStart = Snapshot.take(relayTotals);
        long self = ProcessHandle.current().pid();

        final class Window implements VoiceTraffic.WindowHooks {
            PhaseMeter phase;
            ThreadCpu serverThreadCpu;
            ThreadCpu ownThreadCpu;
            long[] serverSplit;
            long softirqStart;
            long wallStart;
            double serverCores = -1;
            double serverSystemCores = -1;
            double loadgenCores = -1;
            double otherCores = -1;
            double softirqCores = -1;
            List<ThreadCpu.Use> serverThreads = List.of();
            List<ThreadCpu.Use> ownThreads = List.of();
            Snapshot windowStart;
            Snapshot windowEnd;

            @Override
            public void started() {
                // Before the meters start: the request costs the server a little.
                windowStart = Snapshot.take(relayTotals);
                phase = PhaseMeter.start("window", pid);
                serverThreadCpu = ThreadCpu.start(pid);
                ownThreadCpu = ThreadCpu.start(self);
                serverSplit = ProcStats.userSystemNanos(pid);
                softirqStart = ProcStats.machineSoftirqNanos();
                wallStart = System.nanoTime();
            }

            @Override
            public void ended() {
                long[] split = ProcStats.userSystemNanos(pid);
                long softirq = ProcStats.machineSoftirqNanos();
                long wall = System.nanoTime() - wallStart;
                if (softirq >= 0 && softirqStart >= 0) {
                    softirqCores = (double) (softirq - softirqStart) / wall;
                }
                ScenarioResult scratch = new ScenarioResult("scratch");
                phase.report(scratch);
                for (Figure figure : scratch.figures()) {
                    switch (figure.key()) {
                        case "server_cores_window" -> serverCores = figure.value();
                        case "loadgen_cores_window" -> loadgenCores = figure.value();
                        case "other_cores_window" -> otherCores = figure.value();
                        default -> { }
                    }
                }
                if (split != null && serverSplit != null) {
                    serverSystemCores = (double) (split[1] - serverSplit[1]) / wall;
                }
                serverThreads = serverThreadCpu.busiestThreads(6);
                ownThreads = ownThreadCpu.busiestThreads(6);
                windowEnd = Snapshot.take(relayTotals);
            }
        }
        Window window = new Window();
        VoiceTraffic.Run run = traffic.run(speakers, TimeUnit.SECONDS.toNanos(warmupSeconds),
                TimeUnit.SECONDS.toNanos(seconds), 3_000, window);

        Snapshot levelEnd = Snapshot.take(relayTotals);
        Snapshot from = window.windowStart;
        Snapshot to = window.windowEnd;
        VoiceCounters relay = from.relay() == null || to.relay() == null ? null : RelayCounters.minus(to.relay(), from.relay());
        int serverSockets = UdpKernelStats.serverSockets(to.sockets(), relayPort);
        long serverDrops = serverSockets == 0 ? -1 : from.serverDropsUntil(to, relayPort);
        long clientDrops = UdpKernelStats.dropsOf(to.sockets(), traffic.localPorts())
                - UdpKernelStats.dropsOf(from.sockets(), traffic.localPorts());
        long levelDrops = Math.max(0, levelStart.serverDropsUntil(levelEnd, relayPort))
                + (levelStart.relay() == null || levelEnd.relay() == null ? 0
                : RelayCounters.drops(RelayCounters.minus(levelEnd.relay(), levelStart.relay())));
        return new Outcome(speakers.size(), seconds, run, relay, serverDrops, serverSockets, clientDrops,
                to.udp().minus(from.udp()), levelDrops, window.serverCores, window.serverSystemCores,
                window.loadgenCores, window.otherCores, window.softirqCores, window.serverThreads, window.ownThreads);
    }

    /** The drop counters at one moment: the relay's own, every UDP socket's, the machine's. */
    private record Snapshot(VoiceCounters relay, List<UdpKernelStats.Socket> sockets, UdpKernelStats.Totals udp) {
        static Snapshot take(Supplier<VoiceCounters> relayTotals) {
            return new Snapshot(relayTotals.get(), UdpKernelStats.sockets(), UdpKernelStats.totals());
        }

        long serverDropsUntil(Snapshot later, int port) {
            return UdpKernelStats.serverDrops(later.sockets, port) - UdpKernelStats.serverDrops(sockets, port);
        }
    }

    /** The relay's totals from server_stats (admin only), or null with a note when the server would not say. */
    static VoiceCounters relayTotals(BenchSession session, ScenarioResult notes) {
        try {
            return session.admin().request(Request.ServerStats::new, Reply.ServerStats.class)
                    .get(30, TimeUnit.SECONDS).total();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            notes.note("server_stats failed (" + ErrorTally.kindOf(e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e)
                    + "): relay counters not available");
            return null;
        }
    }
}
