package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
                        + "role). They log in one after another with the caller's credentials (one account may hold many "
                        + "sessions), so the start takes a moment per bot; the seconds count once all speak.",
                "Bots only speak (each one encodes; none decodes what it hears), so a hundred bots cost about a hundred "
                        + "Opus encoders: 1.9 % of a core each on the development machine.",
                "With --json, one object at the end: bots, rooms, seconds, packetsSent, sendsDropped, transports."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli bots --count 40 --rooms 4 --wav speech.wav --duration 60"})
public final class BotsCommand implements Callable<Integer> {

    /** The --json object. */
    record Ran(int bots, List<String> rooms, int seconds, long packetsSent, long sendsDropped,
               Map<String, Integer> transports) {
    }

    static final int MAX_BOTS = 500;
    static final int MAX_SECONDS = 3600;
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
        List<SpeakingBot> bots = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                bots.add(SpeakingBot.start(cli, names.get(i % rooms), samples, wav + " #" + (i + 1)));
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long packets = 0;
            long dropped = 0;
            Map<String, Integer> transports = new TreeMap<>();
            for (SpeakingBot bot : bots) {
                packets += bot.packetsSent();
                dropped += bot.voice().sendsDropped();
                transports.merge(bot.transport().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
            if (cli.output().json()) { // quiet on success otherwise
                cli.output().object(new Ran(count, names, seconds, packets, dropped, transports));
            }
        } finally {
            for (SpeakingBot bot : bots) {
                bot.close();
            }
        }
        return 0;
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
