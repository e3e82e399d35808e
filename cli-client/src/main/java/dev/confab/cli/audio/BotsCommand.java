package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bots", mixinStandardHelpOptions = true,
        description = {"Load: many bots in one process, each its own session, all speaking a WAV file (looped) at once "
                + "for a number of seconds, then leaving.",
                "The bots go round-robin into the rooms PREFIX1 .. PREFIXK (made if missing, which needs the moderator "
                        + "role). They log in four at a time with the caller's credentials (one account may hold many "
                        + "sessions), so the start takes a moment per bot; the seconds count once all speak.",
                "Bots only speak (each one encodes; none decodes what it hears), so a hundred bots cost about a hundred "
                        + "Opus encoders: 1.9 %% of a core each on the development machine.",
                "Quiet on success; --verbose prints a progress line a second to stderr. With --json, one object at the "
                        + "end: bots, rooms, seconds, packetsSent and sendsDropped (during the seconds), transports."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli bots --count 40 --rooms 4 --wav speech.wav --duration 60"})
public final class BotsCommand implements Callable<Integer> {

    /** The --json object. */
    record Ran(int bots, List<String> rooms, int seconds, long packetsSent, long sendsDropped,
               Map<String, Integer> transports) {
    }

    static final int MAX_BOTS = 500;
    static final int MAX_SECONDS = 3600;
    /** Bots logging in at once: a hundred start in a few seconds, and the server never sees a burst. */
    static final int STARTING_AT_ONCE = 4;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", required = true, description = "How many bots (1 to " + MAX_BOTS + ").")
    int count;

    @Option(names = "--rooms", paramLabel = "K", defaultValue = "1",
            description = "Over how many rooms (1 to N; default ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--wav", paramLabel = "FILE", required = true, description = "What they say (any WAV confab reads).")
    Path wav;

    @Option(names = "--duration", paramLabel = "S", required = true,
            description = "Seconds they all speak (1 to " + MAX_SECONDS + ").")
    int seconds;

    @Option(names = "--room-prefix", paramLabel = "PREFIX", defaultValue = "bots-",
            description = "The rooms' names, before their number (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--verbose", description = "Print a progress line to stderr every second.")
    boolean verbose;

    @Override
    public Integer call() throws CliException, InterruptedException {
        if (count < 1 || count > MAX_BOTS) {
            throw CliException.usage("--count must be 1 to " + MAX_BOTS + ", not " + count);
        }
        if (rooms < 1 || rooms > count) {
            throw CliException.usage("--rooms must be 1 to --count (" + count + "), not " + rooms);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw CliException.usage("--duration must be 1 to " + MAX_SECONDS + " seconds, not " + seconds);
        }
        short[] samples = PlayCommand.read(wav).audio().toVoice(); // once, shared by every bot
        Invocation cli = Invocation.of(spec);
        VoiceEngine.warmUp();
        List<String> names = prepareRooms(cli);
        awaitWarmCodec();
        Crowd crowd = new Crowd();
        // Ctrl-C ends a run early: the bots log out rather than linger at the server until their sessions expire.
        Thread goodbye = new Thread(crowd::close, "bots-shutdown");
        Runtime.getRuntime().addShutdownHook(goodbye);
        try {
            startAll(cli, names, samples, crowd);
            Totals before = crowd.totals();
            speak(crowd, cli.err(), before);
            Totals run = crowd.totals().minus(before);
            if (cli.output().json()) { // quiet on success otherwise
                cli.output().object(new Ran(count, names, seconds, run.packets(), run.dropped(), crowd.transports()));
            }
        } finally {
            crowd.close(); // the hook stays, as tail's does: closing twice is a no-op
        }
        return 0;
    }

    /**
     * Starts the bots, {@link #STARTING_AT_ONCE} at a time: each login, join and voice handshake is
     * done before the next begins on that thread, so the server sees a steady trickle of logins,
     * not a stampede. The first failure ends the start.
     */
    private void startAll(Invocation cli, List<String> names, short[] samples, Crowd crowd)
            throws CliException, InterruptedException {
        ExecutorService starters = Executors.newFixedThreadPool(Math.min(STARTING_AT_ONCE, count));
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String room = names.get(i % rooms);
                String name = "bot #" + (i + 1);
                started.add(starters.submit(() -> {
                    crowd.add(SpeakingBot.start(cli, room, samples, name));
                    return null;
                }));
            }
            for (Future<?> bot : started) {
                try {
                    bot.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CliException refused) {
                        throw refused;
                    }
                    throw new CliException(Exit.FAILURE, "unexpected", "a bot did not start: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            starters.shutdownNow(); // after a failure: the starts still under way stop
        }
    }

    /** Lets them all speak for the duration, checking once a second that every bot is still connected. */
    private void speak(Crowd crowd, PrintWriter err, Totals start) throws CliException, InterruptedException {
        long begin = System.nanoTime();
        long end = begin + TimeUnit.SECONDS.toNanos(seconds);
        Totals last = start;
        for (long now = begin; now < end; now = System.nanoTime()) {
            Thread.sleep(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(end - now))));
            crowd.requireOnline();
            if (verbose) {
                Totals totals = crowd.totals();
                err.printf(Locale.ROOT, "bots: %d s of %d, %d packets in the last second, %d send drops, %s%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin), seconds,
                        totals.packets() - last.packets(), totals.dropped() - start.dropped(), crowd.transports());
                err.flush();
                last = totals;
            }
        }
    }

    /** Packets handed to the voice connections, and sends they dropped. */
    private record Totals(long packets, long dropped) {
        Totals minus(Totals earlier) {
            return new Totals(packets - earlier.packets, dropped - earlier.dropped);
        }
    }

    /** The bots started so far; closed once, by the command or by Ctrl-C, whichever comes first. */
    private static final class Crowd {

        private final List<SpeakingBot> bots = new ArrayList<>();
        private boolean closed;

        synchronized void add(SpeakingBot bot) {
            if (closed) {
                bot.close();
                return;
            }
            bots.add(bot);
        }

        synchronized Totals totals() {
            long packets = 0;
            long dropped = 0;
            for (SpeakingBot bot : bots) {
                packets += bot.packetsSent();
                dropped += bot.voice().sendsDropped();
            }
            return new Totals(packets, dropped);
        }

        /** How many bots send over each transport now ({@code udp}, {@code tunnel}). */
        synchronized Map<String, Integer> transports() {
            Map<String, Integer> transports = new TreeMap<>();
            for (SpeakingBot bot : bots) {
                transports.merge(bot.voice().transport().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
            return transports;
        }

        synchronized void requireOnline() throws CliException {
            for (SpeakingBot bot : bots) {
                CliException lost = bot.lost();
                if (lost != null) {
                    throw lost;
                }
            }
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                bots.forEach(SpeakingBot::close);
            }
        }
    }

    /** The rooms' names, making the rooms that are missing. */
    private List<String> prepareRooms(Invocation cli) throws CliException {
        List<String> names = new ArrayList<>();
        try (ServerLink link = cli.connect()) {
            RoomDirectory directory = RoomDirectory.of(link);
            for (int k = 1; k <= rooms; k++) {
                String name = prefix + k;
                if (!directory.contains(name)) {
                    link.call(id -> new Request.CreateRoom(id, name, null, null, null, null, null), Reply.RoomCreated.class);
                }
                names.add(name);
            }
        }
        return names;
    }

    private static void awaitWarmCodec() throws CliException, InterruptedException {
        try {
            VoiceEngine.warmUp().get(WARM_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException(Exit.FAILURE, "unexpected", "the voice codec did not warm up: " + e, e);
        }
    }
}
