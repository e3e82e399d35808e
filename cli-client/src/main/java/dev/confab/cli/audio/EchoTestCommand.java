package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.dsp.LevelMeter;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.protocol.voice.VoicePacket;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "echo-test", mixinStandardHelpOptions = true,
        description = {"The microphone test: what you say goes to the server and comes back to you alone, through the "
                + "whole voice path (capture, Opus, the relay, the jitter buffer, playback), for a number of seconds.",
                "It stays in the lobby unless --room is given, for --seconds or until Ctrl-C. Only what the voice "
                        + "detector takes for speech is sent, unless --continuous. When stderr is a terminal, a live "
                        + "line shows the microphone level, what comes back, the transport and the round trip.",
                "Exit 0 when your voice came back (or nothing was said), with a summary; 6 (no_audio_back) when it was "
                        + "sent but nothing came back; 9 when a device would not open. With --json, one object at the "
                        + "end (also before exit 6): seconds, transport, roundTripMs, packetsSent, packetsHeard, "
                        + "micPeakDbfs, heardPeakDbfs, verdict (ok, nothing_said, no_audio_back)."},
        footerHeading = "%nExamples:%n",
        footer = {"  confab-cli echo-test",
                "  confab-cli echo-test --backend portaudio --input pulse --seconds 20",
                "  confab-cli --json echo-test --backend wav --input in.wav --output out.wav"})
public final class EchoTestCommand implements Callable<Integer> {

    /** The --json object. */
    record Echoed(double seconds, String transport, Long roundTripMs, long packetsSent, long packetsHeard,
                  double micPeakDbfs, double heardPeakDbfs, String verdict) {
    }

    static final int MAX_SECONDS = 600;
    private static final long LIVE_LINE_MILLIS = 200;
    /** How long Ctrl-C waits for the summary (and for the output file to be closed). */
    private static final Duration SUMMARY_WAIT = Duration.ofSeconds(3);

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOptions devices;

    @Option(names = "--room", paramLabel = "ROOM", description = "Test in this room (its bitrate) instead of the lobby.")
    String room;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "10",
            description = "How long (1 to " + MAX_SECONDS + "; default ${DEFAULT-VALUE}); Ctrl-C ends it sooner.")
    int seconds;

    @Option(names = "--continuous", description = "Send everything, not only what the voice detector takes for speech.")
    boolean continuous;

    private volatile boolean interrupted;
    private final CountDownLatch summarized = new CountDownLatch(1);

    @Override
    public Integer call() throws CliException, InterruptedException {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw CliException.usage("--seconds must be 1 to " + MAX_SECONDS + ", not " + seconds);
        }
        VoiceEngine.Devices chosen = devices.devices();
        Invocation cli = Invocation.of(spec);
        // Ctrl-C ends the test early, with its summary, rather than losing it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted = true;
            try {
                summarized.await(SUMMARY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "echo-test-shutdown"));
        try (RoomVoice voice = RoomVoice.join(cli, room)) {
            return test(cli, voice, chosen);
        } finally {
            cli.output().flush();
            summarized.countDown();
        }
    }

    private int test(Invocation cli, RoomVoice voice, VoiceEngine.Devices chosen)
            throws CliException, InterruptedException {
        long me = voice.link().loggedIn().session();
        AtomicLong heard = new AtomicLong();
        voice.connection().addAudioListener((speaker, timestamp, flags, payload) -> {
            if (speaker == me && (flags & VoicePacket.FLAG_ECHO) != 0) {
                heard.incrementAndGet();
            }
        });
        TransmitMode mode = continuous ? TransmitMode.CONTINUOUS : TransmitMode.VOICE_ACTIVATED;
        VoiceEngine engine = voice.start(chosen, CaptureOptions.DEFAULT.withMode(mode), e -> e.setEchoTest(true));
        boolean live = stderrIsTerminal();
        PrintWriter err = cli.err();
        double micPeak = LevelMeter.SILENCE_DBFS;
        double heardPeak = LevelMeter.SILENCE_DBFS;
        long begin = System.nanoTime();
        long end = begin + Duration.ofSeconds(seconds).toNanos();
        long lastLine = 0;
        while (System.nanoTime() < end && !interrupted) {
            if (voice.link().session().closeFuture().isDone()) {
                throw new CliException(Exit.NETWORK, "network", "the connection to " + voice.link().session().server()
                        + " ended");
            }
            EngineState state = engine.snapshot();
            micPeak = Math.max(micPeak, state.capture().peakDbfs());
            double back = heardLevel(state, me);
            heardPeak = Math.max(heardPeak, back);
            if (live && System.nanoTime() - lastLine > TimeUnit.MILLISECONDS.toNanos(LIVE_LINE_MILLIS)) {
                lastLine = System.nanoTime();
                err.printf(Locale.ROOT, "\rmic %4.0f dBFS   back %4.0f dBFS   %s %s   ", state.capture().rmsDbfs(),
                        back, transport(state), roundTrip(state));
                err.flush();
            }
            Thread.sleep(20);
        }
        if (live) {
            err.println();
        }
        double ran = (System.nanoTime() - begin) / 1e9;
        // What is still on its way back, then close: the output file is complete from here on.
        Thread.sleep(PlayCommand.TAIL.toMillis());
        EngineState last = engine.snapshot();
        engine.close();
        long sent = last.capture().packetsSent();
        String verdict = sent == 0 ? "nothing_said" : heard.get() > 0 ? "ok" : "no_audio_back";
        Long rtt = last.roundTrip() == null ? null : last.roundTrip().toMillis();
        if (cli.output().json()) { // also when nothing came back: the figures say what did happen
            cli.output().object(new Echoed(Math.round(ran * 10) / 10.0, transport(last), rtt, sent, heard.get(),
                    round(micPeak), round(heardPeak), verdict));
        }
        if (verdict.equals("no_audio_back")) {
            throw new CliException(Exit.NETWORK, "no_audio_back", sent + " packets went to "
                    + voice.link().session().server() + " but none came back (see 'confab-cli ping')");
        }
        if (!cli.output().json()) {
            cli.output().line(verdict.equals("ok")
                    ? String.format(Locale.ROOT, "your voice came back over %s: %d of %d packets, round trip %s, "
                            + "microphone peak %.0f dBFS", transport(last), heard.get(), sent, roundTrip(last), micPeak)
                    : "nothing was said: the microphone (peak " + Math.round(micPeak) + " dBFS) stayed below the "
                            + "voice detector (try --continuous, or another --input)");
        }
        return 0;
    }

    /** The level of what comes back: this session's own stream among the speakers. */
    private static double heardLevel(EngineState state, long me) {
        for (EngineState.Speaker s : state.speakers()) {
            if (s.id() == me && s.talking()) {
                return s.levelDbfs();
            }
        }
        return LevelMeter.SILENCE_DBFS;
    }

    /**
     * Whether stderr is a terminal, for the live line. Java has no isatty: on Linux, where file
     * descriptor 2 points tells; elsewhere, whether the process has a console at all.
     */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    private static String transport(EngineState state) {
        return state.transport().name().toLowerCase(Locale.ROOT);
    }

    private static String roundTrip(EngineState state) {
        return state.roundTrip() == null ? "-" : state.roundTrip().toMillis() + " ms";
    }

    private static double round(double dbfs) {
        return Math.round(dbfs * 10) / 10.0;
    }
}
