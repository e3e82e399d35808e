package dev.confab.bench;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code confab-bench-tui}: the terminal UI's three figures, measured on the real
 * {@code confab.jar} in a real terminal (tmux, 80x24) against a real server on loopback:
 *
 * <ol>
 *   <li><b>time to the first drawn screen</b>: from asking tmux to start the TUI (so JVM start
 *       included) to the first capture showing its status bar; also to "online" in the room and
 *       to voice up; {@code --launches} times, each a fresh JVM;</li>
 *   <li><b>idle CPU while connected</b>: utime + stime of the TUI's process (/proc) over
 *       {@code --idle-seconds}, in a room, voice up on the null audio backend, nobody talking and
 *       the harness not polling the screen;</li>
 *   <li><b>keystroke to screen</b>: a printable key sent with send-keys until capture-pane shows
 *       it in the input line, {@code --keys} times with nobody talking, then as many with
 *       {@code --talkers} bots ({@code confab-cli bots}) speaking in the TUI's room, whose voices
 *       the TUI's engine receives, decodes and mixes (the null backend's playback stream pulls a
 *       frame every 20 ms and drops it) and whose talking markers keep the room tree redrawing.</li>
 * </ol>
 *
 * <p>tmux is driven through one control-mode client ({@link TmuxControl}), so the harness starts
 * no process per poll; its delays are reported (the capture round trip, the polling interval)
 * and are included in the keystroke figures, as is tmux's own work.
 */
@Command(name = "confab-bench-tui", mixinStandardHelpOptions = true, version = "confab-bench-tui 0.1",
        description = "Measures the terminal UI in tmux at 80x24 against a fresh local server: time to the first drawn"
                + " screen, idle CPU while connected, and keystroke-to-screen latency with and without 10 people talking.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run finished and its checks passed", "1:a check failed, or a run could not be done",
                "2:bad arguments"})
public final class TuiBench extends ScenarioCommand {
    /** The terminal size docs/TUI.md promises to work at. */
    static final int COLUMNS = 80;
    static final int ROWS = 24;
    /** How often the screen is read while the TUI starts: fine enough for a figure in hundreds of ms, light on the CPU it shares. */
    private static final long LAUNCH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LAUNCH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long TALKERS_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long QUIT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final Duration IDLE_SETTLE_LIMIT = Duration.ofSeconds(60);

    @Option(names = "--tui-jar", paramLabel = "JAR", defaultValue = "${env:CONFAB_TUI_JAR:-tui-client/target/confab.jar}",
            description = "The TUI's jar (default: ${DEFAULT-VALUE}).")
    Path tuiJar;

    @Option(names = "--cli-jar", paramLabel = "JAR", defaultValue = "${env:CONFAB_CLI_JAR:-cli-client/target/confab-cli.jar}",
            description = "confab-cli's jar, for the talking bots (default: ${DEFAULT-VALUE}).")
    Path cliJar;

    @Option(names = "--tui-jvm-opts", paramLabel = "OPTIONS", defaultValue = "-XX:+UseSerialGC -Dio.netty.leakDetection.level=disabled",
            description = "JVM options for the TUI, space-separated; the default is what bin/confab uses (default: ${DEFAULT-VALUE}).")
    String tuiJvmOptions;

    @Option(names = "--launches", defaultValue = "5", description = "TUI starts timed, each a fresh JVM (default: ${DEFAULT-VALUE}).")
    int launches;

    @Option(names = "--idle-settle", paramLabel = "SECONDS", defaultValue = "10",
            description = "Wait after connecting before idle CPU is measured, and then until the TUI used under 5 %% of a core"
                    + " for half a second (at most 60 s more): the JIT and start-up work finish (default: ${DEFAULT-VALUE}).")
    int idleSettleSeconds;

    @Option(names = "--idle-seconds", defaultValue = "20", description = "Idle CPU window (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(names = "--keys", defaultValue = "50", description = "Keys timed with nobody talking, and as many with the talkers (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--talkers", defaultValue = "10", description = "Bots speaking in the TUI's room (default: ${DEFAULT-VALUE}).")
    int talkers;

    @Option(names = "--talkers-settle", paramLabel = "SECONDS", defaultValue = "20",
            description = "Wait once every talker shows in the tree, before keys are timed: the bots' JIT takes more than"
                    + " a core for their first 15 s or so (default: ${DEFAULT-VALUE}).")
    int talkersSettleSeconds;

    @Option(names = "--poll-ms", defaultValue = "1",
            description = "Pause between screen captures while waiting for a key (default: ${DEFAULT-VALUE}).")
    int pollMillis;

    @Option(names = "--gap-ms", paramLabel = "MIN-MAX", defaultValue = "150-350",
            description = "Random pause between keys, as a typist's (default: ${DEFAULT-VALUE}).")
    String gapMillis;

    @Override
    String name() {
        return "tui";
    }

    @Override
    int roomsNeeded() {
        return 0; // the room is named for confab-cli bots' scheme, below
    }

    @Override
    void validate() {
        gap();
        if (launches < 1 || idleSettleSeconds < 0 || idleSeconds < 1 || keys < 1 || talkers < 1 || talkersSettleSeconds < 0
                || pollMillis < 0) {
            throw new IllegalArgumentException("need --launches, --idle-seconds, --keys, --talkers >= 1 and"
                    + " --idle-settle, --talkers-settle, --poll-ms >= 0");
        }
    }

    private long[] gap() {
        String[] parts = gapMillis.split("-");
        try {
            long min = Long.parseLong(parts[0].strip());
            long max = parts.length == 2 ? Long.parseLong(parts[1].strip()) : min;
            if (parts.length <= 2 && min >= 0 && max >= min) {
                return new long[] {min, max};
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--gap-ms must be MIN-MAX in milliseconds, e.g. 150-350, not " + gapMillis);
    }

    public static void main(String[] args) {
        System.exit(ChatLoad.execute(new TuiBench(), args));
    }

    @Override
    ScenarioResult run(BenchSession session) throws Exception {
        ScenarioResult result = new ScenarioResult(name());
        // confab-cli bots put their speakers in PREFIX1; the TUI waits there for them.
        String roomPrefix = "tui-" + session.tag() + "-";
        String room = roomPrefix + "1";
        session.admin().request(id -> new Request.CreateRoom(id, room, null, null, null, null, null), Reply.RoomCreated.class)
                .get(60, TimeUnit.SECONDS);
        String token = session.admin().request(id -> new Request.CreateToken(id, "confab-bench-tui " + session.tag()),
                Reply.TokenCreated.class).get(60, TimeUnit.SECONDS).secret();
        String server = session.target().address().host() + ":" + session.target().address().port();
        List<String> command = new ArrayList<>();
        command.add(ServerProcess.javaExecutable());
        command.addAll(words(tuiJvmOptions));
        command.addAll(List.of("-jar", requireFile(tuiJar, "--tui-jar").toString(), "confab://" + server + "/" + room));
        result.setting("terminal", "tmux " + COLUMNS + "x" + ROWS)
                .setting("tui", String.join(" ", command))
                .setting("launches", launches).setting("keys", keys).setting("talkers", talkers)
                .setting("poll_ms", pollMillis).setting("gap_ms", gapMillis)
                .setting("idle_seconds", idleSeconds).setting("cores", Runtime.getRuntime().availableProcessors())
                .setting("load_average", loadAverage());
        try (TuiHome home = TuiHome.create();
             TmuxControl tmux = TmuxControl.start("confab-bench-tui-" + ProcessHandle.current().pid(),
                     home.environment("tui", server, session.target().fingerprint(), token))) {
            result.setting("tmux", tmux.run("display-message", "-p", "#{version}").lines().get(0));
            Tui tui = new Tui(tmux, command, room);
            startUp(tui, result);
            String main = "tui-main";
            tui.launch(main);
            long pid = tmux.panePid(main);
            if (!commandLineOf(pid).contains(tuiJar.getFileName().toString())) {
                throw new IOException("the pane's process " + pid + " is not the TUI: " + commandLineOf(pid));
            }
            idle(tmux, main, pid, home.folder(), result);
            Keystrokes typist = new Keystrokes(tmux, main, room + "> ", TimeUnit.MILLISECONDS.toNanos(pollMillis),
                    gap()[0], gap()[1]);
            Keystrokes.Result quiet = typist.measure(keys);
            try (SpeakingBots bots = SpeakingBots.start(cliJar,
                    home.environment("cli", server, session.target().fingerprint(), token), talkers, roomPrefix,
                    home.speechWav(), botSeconds(), home.folder().resolve("bots.out"))) {
                Keystrokes.Result busy = withTalkers(tmux, main, typist, pid, bots, session.target().pid(), result);
                keyFigures(result, quiet, busy);
            }
            tui.quit(main);
        }
        return result;
    }

    /**
     * Figure 3's busy half: once the tree shows every bot talking and their JIT has settled,
     * the keys again, with the CPU of the TUI, the bots, the server and the rest of the machine
     * meanwhile; then the F3 overlay as evidence that the TUI's engine decodes what it shows.
     */
    private Keystrokes.Result withTalkers(TmuxControl tmux, String session, Keystrokes typist, long pid, SpeakingBots bots,
                                          long serverPid, ScenarioResult result) throws IOException, InterruptedException {
        awaitTalkers(tmux, session, bots, result);
        Thread.sleep(TimeUnit.SECONDS.toMillis(talkersSettleSeconds));
        CpuMeter tuiCpu = CpuMeter.start(pid);
        ThreadCpu tuiThreads = ThreadCpu.start(pid);
        CpuMeter botsCpu = CpuMeter.start(bots.pid());
        CpuMeter serverCpu = CpuMeter.start(serverPid);
        long machineStart = ProcStats.machineBusyNanos();
        long wallStart = System.nanoTime();
        Keystrokes.Result busy = typist.measure(keys);
        double tuiCores = tuiCpu.coresUsed();
        double botsCores = botsCpu.coresUsed();
        double serverCores = serverCpu.coresUsed();
        double machineCores = (double) (ProcStats.machineBusyNanos() - machineStart) / (System.nanoTime() - wallStart);
        bots.requireRunning();
        result.figure("talkers_tui_cpu_percent", "TUI CPU while the talkers talk and keys are typed", 100 * tuiCores, "% of a core")
                .figure("talkers_bots_cpu_percent", "confab-cli bots CPU (" + talkers + " Opus encoders)", 100 * botsCores,
                        "% of a core")
                .figure("talkers_server_cpu_percent", "server CPU (chat and the voice relay)", 100 * serverCores, "% of a core");
        if (machineCores >= 0 && tuiCores >= 0 && botsCores >= 0 && serverCores >= 0) {
            result.figure("talkers_rest_cores", "rest of the machine (tmux, harness, others)",
                    machineCores - tuiCores - botsCores - serverCores, "cores");
        }
        result.note("talking: busiest TUI threads: " + percentages(tuiThreads.busiestThreads(8)));
        overlay(tmux, session, result);
        return busy;
    }

    /** The TUI in a tmux session of its own, for as long as a measurement needs it. */
    private final class Tui {
        private final TmuxControl tmux;
        private final List<String> command;
        private final String room;

        Tui(TmuxControl tmux, List<String> command, String room) {
            this.tmux = tmux;
            this.command = command;
            this.room = room;
        }

        /**
         * Starts the TUI in a new session and follows it until voice is up; returns the times from
         * the start to the first drawn screen, to online in the room, and to voice up, in ns.
         */
        long[] launch(String session) throws IOException, InterruptedException {
            List<String> newSession = new ArrayList<>(List.of("new-session", "-d", "-s", session,
                    "-x", Integer.toString(COLUMNS), "-y", Integer.toString(ROWS)));
            newSession.addAll(command); // several words: tmux runs them without a shell, so the pane's process is the JVM
            long start = System.nanoTime();
            tmux.run(newSession.toArray(String[]::new));
            long drawn = -1;
            long inRoom = -1;
            while (true) {
                ControlReplies.Reply reply = tmux.tryRun("capture-pane", "-p", "-t", session);
                if (!reply.ok()) {
                    throw new IOException("the TUI ended while starting (" + String.join(" ", reply.lines()) + ")");
                }
                TuiScreen screen = new TuiScreen(reply.lines());
                long at = reply.arrivedNanos() - start;
                if (drawn < 0 && screen.drawn()) {
                    drawn = at;
                }
                if (inRoom < 0 && screen.inRoom(room)) {
                    inRoom = at;
                }
                if (inRoom >= 0 && screen.voiceUp()) {
                    return new long[] {drawn, inRoom, at};
                }
                if (at > LAUNCH_TIMEOUT_NANOS) {
                    throw new IOException("the TUI did not come up in " + room + " with voice within "
                            + TimeUnit.NANOSECONDS.toSeconds(LAUNCH_TIMEOUT_NANOS) + " s; the screen:\n"
                            + String.join("\n", reply.lines()));
                }
                LockSupport.parkNanos(LAUNCH_POLL_NANOS);
            }
        }

        /** Ctrl-C, as a person leaves; the session ends with the process. */
        void quit(String session) throws IOException, InterruptedException {
            tmux.run("send-keys", "-t", session, "C-c");
            long deadline = System.nanoTime() + QUIT_TIMEOUT_NANOS;
            while (tmux.hasSession(session)) {
                if (System.nanoTime() > deadline) {
                    tmux.tryRun("kill-session", "-t", session);
                    throw new IOException("the TUI did not end within " + TimeUnit.NANOSECONDS.toSeconds(QUIT_TIMEOUT_NANOS)
                            + " s of Ctrl-C");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Figure 1: {@code --launches} fresh starts, each quit before the next. */
    private void startUp(Tui tui, ScenarioResult result) throws IOException, InterruptedException {
        double[][] millis = new double[3][launches];
        List<String> each = new ArrayList<>();
        for (int i = 0; i < launches; i++) {
            String session = "tui-launch-" + (i + 1);
            long[] times = tui.launch(session);
            for (int k = 0; k < 3; k++) {
                millis[k][i] = times[k] / 1e6;
            }
            each.add(String.format(Locale.ROOT, "%.0f / %.0f / %.0f", millis[0][i], millis[1][i], millis[2][i]));
            tui.quit(session);
            Thread.sleep(500); // the server sees the logout before the next login
        }
        result.figure("first_screen_ms", "first drawn screen, median (target < 1500 ms)", Stats.median(millis[0]), "ms")
                .figure("first_screen_max_ms", "first drawn screen, slowest launch", Stats.max(millis[0]), "ms")
                .figure("online_in_room_ms", "online and in the room, median", Stats.median(millis[1]), "ms")
                .figure("voice_up_ms", "voice up (udp shown), median", Stats.median(millis[2]), "ms")
                .note("each launch, ms from starting the JVM to first screen / online in the room / voice up: "
                        + String.join(", ", each));
    }

    /**
     * Figure 2: the connected TUI's CPU while nothing happens and the harness leaves it alone
     * (no captures); what it writes to its terminal meanwhile is collected with pipe-pane, to
     * tell repaints from work that never reaches the screen.
     */
    private void idle(TmuxControl tmux, String session, long pid, Path folder, ScenarioResult result)
            throws IOException, InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSettleSeconds));
        Duration settled = Settle.untilIdle(pid, IDLE_SETTLE_LIMIT);
        Path output = folder.resolve("idle-output");
        tmux.run("pipe-pane", "-o", "-t", session, "cat > " + output);
        CpuMeter cpu = CpuMeter.start(pid);
        ThreadCpu threads = ThreadCpu.start(pid);
        long machineStart = ProcStats.machineBusyNanos();
        long wallStart = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
        double cores = cpu.coresUsed();
        double machine = (double) (ProcStats.machineBusyNanos() - machineStart) / (System.nanoTime() - wallStart);
        List<ThreadCpu.Use> busiest = threads.busiestThreads(8);
        tmux.run("pipe-pane", "-t", session); // stops the pipe
        result.figure("idle_settle_s", "settling before the idle window", idleSettleSeconds + settled.toMillis() / 1000.0, "s")
                .figure("idle_cpu_percent", "idle CPU while connected (target < 1 %)", 100 * cores, "% of a core")
                .figure("idle_output_bytes", "bytes the TUI wrote to its terminal in the idle window",
                        Files.isRegularFile(output) ? Files.size(output) : 0, "B")
                .figure("idle_rss_mb", "TUI resident memory when idle", megabytes(ProcStats.rssBytes(pid)), "MB");
        if (cores >= 0 && machine >= 0) {
            result.figure("idle_rest_cores", "rest of the machine during the idle window", machine - cores, "cores");
        }
        result.note("idle: busiest TUI threads: " + percentages(busiest));
    }

    /** e.g. {@code "java 1.9 %, C1 CompilerThre 0.4 %"}: threads' use in percent of a core. */
    private static String percentages(List<ThreadCpu.Use> uses) {
        List<String> parts = new ArrayList<>();
        for (ThreadCpu.Use use : uses) {
            parts.add(String.format(Locale.ROOT, "%s %.1f %%", use.name(), 100 * use.cores()));
        }
        return parts.isEmpty() ? "none used CPU" : String.join(", ", parts);
    }

    /** Waits until the room tree shows every talker at once (or the time limit passes, noted). */
    private void awaitTalkers(TmuxControl tmux, String session, SpeakingBots bots, ScenarioResult result)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        int most = 0;
        while (System.nanoTime() - start < TALKERS_TIMEOUT_NANOS) {
            bots.requireRunning();
            most = Math.max(most, new TuiScreen(tmux.capture(session).lines()).talking());
            if (most >= talkers) {
                result.figure("talkers_shown_s", "bots started until all " + talkers + " show talking",
                        (System.nanoTime() - start) / 1e9, "s");
                return;
            }
            Thread.sleep(50);
        }
        result.note("the tree never showed all " + talkers + " talking at once within "
                + TimeUnit.NANOSECONDS.toSeconds(TALKERS_TIMEOUT_NANOS) + " s (most: " + most + ")");
    }

    /** F3: the engine's own account of what it receives, as evidence the voices were decoded, not only drawn. */
    private void overlay(TmuxControl tmux, String session, ScenarioResult result) throws IOException, InterruptedException {
        tmux.run("send-keys", "-t", session, "F3");
        Thread.sleep(1000); // a few snapshots: depths are live figures
        int[] speakers = new TuiScreen(tmux.capture(session).lines()).overlaySpeakers();
        tmux.run("send-keys", "-t", session, "F3");
        result.figure("overlay_speakers", "speakers in the F3 voice diagnostics", speakers[0], "")
                .figure("overlay_speakers_buffering", "... of them with audio in their jitter buffer", speakers[1], "");
        if (speakers[1] == 0) {
            result.problem("the TUI's voice engine shows no speaker with buffered audio: the talkers' voices were not received");
        }
    }

    private void keyFigures(ScenarioResult result, Keystrokes.Result quiet, Keystrokes.Result busy) {
        double quietMedian = quiet.latencyMillis(50);
        double busyMedian = busy.latencyMillis(50);
        result.figure("key_quiet_p50_ms", "key to screen, nobody talking, median", quietMedian, "ms")
                .figure("key_quiet_p90_ms", "key to screen, nobody talking, p90", quiet.latencyMillis(90), "ms")
                .figure("key_talkers_p50_ms", "key to screen, " + talkers + " talking, median (target < 50 ms)", busyMedian, "ms")
                .figure("key_talkers_p90_ms", "key to screen, " + talkers + " talking, p90", busy.latencyMillis(90), "ms")
                .figure("key_talkers_max_ms", "key to screen, " + talkers + " talking, slowest", busy.latencyMillis(100), "ms")
                .figure("key_ratio_p50", "talking / nobody talking, medians", busyMedian / quietMedian, "")
                .figure("capture_quiet_p50_ms", "polling floor: capture-pane round trip, nobody talking, median",
                        quiet.captureMillis(50), "ms")
                .figure("capture_talkers_p50_ms", "polling floor: capture-pane round trip, talking, median",
                        busy.captureMillis(50), "ms")
                .figure("capture_talkers_p90_ms", "polling floor: capture-pane round trip, talking, p90",
                        busy.captureMillis(90), "ms")
                .figure("send_keys_talkers_p50_ms", "send-keys round trip, talking, median", busy.sendMillis(50), "ms")
                .figure("talking_shown_p50", "people shown talking per capture, median", busy.talkingPercentile(50), "")
                .figure("talking_shown_max", "people shown talking per capture, most", busy.talkingPercentile(100), "")
                .figure("keys_missed", "keys not shown within 5 s", quiet.missed() + busy.missed(), "");
        result.note("key to screen includes tmux (send-keys into the pty, the TUI's output into tmux's grid) and the"
                + " harness's polling: a capture every " + pollMillis + " ms, each a round trip of the median above");
        if (quiet.missed() + busy.missed() > 0) {
            result.problem((quiet.missed() + busy.missed()) + " keys never showed in the input line");
        }
    }

    /** Long enough for the keys, the overlay and a slow start; the bots are stopped as soon as they are not needed. */
    private int botSeconds() {
        long perKey = gap()[1] + 1000;
        return (int) Math.min(3600, 120 + talkersSettleSeconds + keys * perKey / 1000);
    }

    private static Path requireFile(Path jar, String option) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no jar at " + jar.toAbsolutePath() + " (build it, or pass " + option + ")");
        }
        return jar.toAbsolutePath();
    }

    private static List<String> words(String options) {
        String trimmed = options.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    private static String commandLineOf(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "(gone)";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
