package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.client.audio.engine.VoiceEngine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "echo-test", mixinStandardHelpOptions = true,
        description = {"The microphone test: what you say goes to the server and comes back to you alone, through the "
                + "whole voice path (capture, Opus, the relay, the jitter buffer, playback), for a number of seconds.",
                "It stays in the lobby unless --room is given. While it runs, a terminal shows the microphone level, "
                        + "what comes back, the transport and the round trip on stderr.",
                "Exit 0 when your voice came back; 6 (network) when it was sent but nothing came back; 9 when a device "
                        + "would not open. With --json, one object at the end: seconds, transport, roundTripMs, "
                        + "packetsSent, micPeakDbfs, heardPeakDbfs, verdict (ok, nothing_said, no_audio_back)."},
        footerHeading = "%nExamples:%n",
        footer = {"  confab-cli echo-test",
                "  confab-cli echo-test --backend portaudio --input pulse --output pulse --seconds 20",
                "  confab-cli echo-test --backend wav --input hello.wav --output heard.wav --continuous"})
public final class EchoTestCommand implements Callable<Integer> {

    /** The --json object. */
    record Echoed(int seconds, String transport, Long roundTripMs, long packetsSent, double micPeakDbfs,
                  double heardPeakDbfs, String verdict) {
    }

    static final int MAX_SECONDS = 600;
    /** Quieter than this is silence: the meter's floor is -100 dBFS. */
    private static final double HEARD_DBFS = -60;
    private static final long LIVE_LINE_MILLIS = 200;

    @Spec
    CommandSpec spec;

    @Mixin
    DeviceOptions devices;

    @Option(names = "--room", paramLabel = "ROOM", description = "Test in this room (its bitrate) instead of the lobby.")
    String room;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "10",
            description = "How long (1 to " + MAX_SECONDS + "; default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--continuous", description = "Send everything, not only what the voice detector takes for speech.")
    boolean continuous;

    @Override
    public Integer call() throws CliException, InterruptedException {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw CliException.usage("--seconds must be 1 to " + MAX_SECONDS + ", not " + seconds);
        }
        VoiceEngine.Devices chosen = devices.devices();
        Invocation cli = Invocation.of(spec);
        double micPeak = -100;
        double heardPeak = -100;
        try (RoomVoice voice = RoomVoice.join(cli, room)) {
            long me = voice.link().loggedIn().session();
            TransmitMode mode = continuous ? TransmitMode.CONTINUOUS : TransmitMode.VOICE_ACTIVATED;
            VoiceEngine engine = voice.start(chosen, CaptureOptions.DEFAULT.withMode(mode), e -> e.setEchoTest(true));
            boolean live = System.console() != null;
            PrintWriter err = cli.err();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long lastLine = 0;
            while (System.nanoTime() < end) {
                EngineState state = engine.snapshot();
                micPeak = Math.max(micPeak, state.capture().peakDbfs());
                double heard = heardLevel(state, me);
                heardPeak = Math.max(heardPeak, heard);
                if (live && System.nanoTime() - lastLine > LIVE_LINE_MILLIS * 1_000_000) {
                    lastLine = System.nanoTime();
                    err.printf(Locale.ROOT, "\rmic %4.0f dBFS   back %4.0f dBFS   %s %s   ", state.capture().rmsDbfs(),
                            heard, state.transport().name().toLowerCase(Locale.ROOT), roundTrip(state));
                    err.flush();
                }
                Thread.sleep(20);
            }
            if (live) {
                err.println();
            }
            EngineState last = engine.snapshot();
            long sent = last.capture().packetsSent();
            String verdict = sent == 0 ? "nothing_said" : heardPeak > HEARD_DBFS ? "ok" : "no_audio_back";
            engine.close(); // closes an output file
            if (verdict.equals("no_audio_back")) {
                throw new CliException(Exit.NETWORK, "no_audio_back", sent + " packets went to "
                        + voice.link().session().server() + " but none came back (see 'confab-cli ping')");
            }
            Long rtt = last.roundTrip() == null ? null : last.roundTrip().toMillis();
            if (cli.output().json()) {
                cli.output().object(new Echoed(seconds, last.transport().name().toLowerCase(Locale.ROOT), rtt, sent,
                        round(micPeak), round(heardPeak), verdict));
            } else {
                cli.output().line(verdict.equals("ok")
                        ? String.format(Locale.ROOT, "your voice came back over %s (round trip %s, microphone peak %.0f dBFS)",
                                last.transport().name().toLowerCase(Locale.ROOT), roundTrip(last), micPeak)
                        : "nothing was said: the microphone stayed below the voice detector (try --continuous, or "
                                + "another --input)");
            }
        }
        return 0;
    }

    /** What comes back: this session's own stream among the speakers. */
    private static double heardLevel(EngineState state, long me) {
        for (EngineState.Speaker s : state.speakers()) {
            if (s.id() == me && s.talking()) {
                return s.levelDbfs();
            }
        }
        return -100;
    }

    private static String roundTrip(EngineState state) {
        return state.roundTrip() == null ? "-" : state.roundTrip().toMillis() + " ms";
    }

    private static double round(double dbfs) {
        return Math.round(dbfs * 10) / 10.0;
    }
}
