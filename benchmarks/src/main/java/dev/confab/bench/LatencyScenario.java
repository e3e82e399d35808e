package dev.confab.bench;

import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.device.AudioBackend;
import dev.confab.client.audio.device.CaptureStream;
import dev.confab.client.audio.device.NullBackend;
import dev.confab.client.audio.device.PlaybackStream;
import dev.confab.client.audio.device.PortAudioBackend;
import dev.confab.client.audio.device.PulseAudioBackend;
import dev.confab.client.audio.device.StreamOptions;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.audio.jitter.JitterOptions;
import dev.confab.client.chat.ChatSession;
import dev.confab.protocol.Event;
import dev.confab.protocol.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Mouth-to-ear latency of the voice engine through real audio devices, a real server and real
 * UDP, on loopback.
 *
 * <p>Two clients log in to a fresh server and join one room. The talker's engine captures from
 * the monitor of the PulseAudio null sink {@value #MOUTH} (its microphone) and sends
 * continuously; the listener's engine plays into the null sink {@value #EAR} (its speaker). The
 * harness plays a short tone burst into {@value #MOUTH} and listens on the monitor of
 * {@value #EAR}: the time between the burst's first sample being handed to the device and the
 * first sample heard above the threshold is one mouth-to-ear figure. Bursts come every 400 to
 * 600 ms at a random sample of a frame, so they do not lock to either side's frame boundaries.
 *
 * <p>The harness's own streams (its injector's buffer, PulseAudio moving samples to the monitor,
 * its detector's buffer) add latency too. Each confab click is followed by a <b>baseline</b>
 * click played straight into {@value #EAR} by a second injector of the same kind, heard by the
 * same detector: confab's share is the mouth-to-ear median less the baseline median, in the same
 * run. That share includes the talker's capture stream and the listener's playback stream (the
 * engine's device buffers; {@code --device-loop} times those two alone, wired to each other by a
 * {@link DeviceLoop}), but not what a sound card adds: null sinks have no DAC or ADC and no
 * hardware buffer, so on real hardware add the card's own input and output latency (typically a
 * few milliseconds each with a well-configured driver, more over USB or Bluetooth).
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Mouth-to-ear latency through PulseAudio null sinks, a real server and two voice engines;"
                + " each click through confab is followed by a baseline click that bypasses it.")
final class LatencyScenario extends ScenarioCommand {
    static final String MOUTH = "bench_mouth";
    static final String EAR = "bench_ear";

    /** The harness's streams: 10 ms frames in a 20 ms buffer; the baseline cancels whatever they add. */
    private static final StreamOptions HARNESS = StreamOptions.LOW_LATENCY;
    /**
     * Frames the harness's {@link FrameClock}s take the minimum over: 0.5 s of 10 ms frames,
     * enough for some frame to have been seen on time, and short enough that a stream which ran
     * dry (and so restarted later) is timed right again by the next click.
     */
    private static final int CLOCK_WINDOW = 50;
    /** 5 ms of 1 kHz at -6 dBFS: well inside Opus's band and far above the 80 Hz high-pass. */
    private static final short[] CLICK = ClickInjector.toneBurst(1000, 5, -6);
    private static final long GAP_MIN_MILLIS = 400;
    private static final long GAP_SPREAD_MILLIS = 200;
    private static final long SETUP_SECONDS = 60;

    @Option(names = "--profile", defaultValue = "default", paramLabel = "default|low-latency",
            description = "The engines' profile: default (20 ms frames, JitterOptions.DEFAULT) or low-latency"
                    + " (10 ms frames, JitterOptions.LOW_LATENCY; the engine then opens its devices with"
                    + " StreamOptions.LOW_LATENCY) (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--clicks", defaultValue = "40",
            description = "Clicks measured through confab, and as many baseline clicks (default: ${DEFAULT-VALUE}).")
    int clicks;

    @Option(names = "--warmup-clicks", defaultValue = "5",
            description = "Clicks through confab before measuring, not counted (default: ${DEFAULT-VALUE}).")
    int warmupClicks;

    @Option(names = "--threshold-dbfs", defaultValue = "-20",
            description = "The level (peak dBFS) a heard sample must reach to count as the click; the click is"
                    + " -6 dBFS (default: ${DEFAULT-VALUE}).")
    double thresholdDbfs;

    @Option(names = "--backend", defaultValue = "pulse", paramLabel = "pulse|portaudio",
            description = "How every stream reaches the PulseAudio null sinks: pulse (libpulse's simple API, buffers"
                    + " asked for end to end) or portaudio (through ALSA's pulse plugin, alsa:pulse:NAME)"
                    + " (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--device-loop",
            description = "Also time a third path each round: the talker's microphone captured and played into the"
                    + " listener's speaker by two device streams opened as the engine opens its own, with no engine"
                    + " in between, to tell the devices' share from the engine's.")
    boolean deviceLoop;

    @Option(names = "--pulse-script", paramLabel = "PATH",
            defaultValue = "${env:CONFAB_PULSE_SCRIPT:-scripts/pulseaudio-test-server}",
            description = "The headless PulseAudio script that makes the null sinks (default: ${DEFAULT-VALUE}).")
    Path pulseScript;

    @Override
    String name() {
        return "latency";
    }

    @Override
    int roomsNeeded() {
        return 1;
    }

    @Override
    void validate() {
        jitterOptions();
        if (clicks < 1 || warmupClicks < 0 || !(thresholdDbfs >= -60 && thresholdDbfs <= -7)) {
            throw new IllegalArgumentException("need --clicks >= 1, --warmup-clicks >= 0 and --threshold-dbfs in [-60, -7]");
        }
    }

    private JitterOptions jitterOptions() {
        return switch (profile) {
            case "default" -> JitterOptions.DEFAULT;
            case "low-latency" -> JitterOptions.LOW_LATENCY;
            default -> throw new IllegalArgumentException("--profile is default or low-latency, not " + profile);
        };
    }

    @Override
    ScenarioResult run(BenchSession session) throws Exception {
        JitterOptions jitter = jitterOptions();
        ScenarioResult result = new ScenarioResult(name())
                .setting("profile", profile).setting("frame_ms", jitter.frameMillis())
                .setting("jitter_min_delay_ms", jitter.minDelay().toMillis())
                .setting("clicks", clicks).setting("warmup_clicks", warmupClicks)
                .setting("threshold_dbfs", thresholdDbfs).setting("device_loop", deviceLoop)
                .setting("harness_streams", HARNESS.frameSamples() / 48 + " ms frames, " + HARNESS.bufferMillis()
                        + " ms buffer");
        AudioBackend devices = switch (backend) {
            case "pulse" -> new PulseAudioBackend();
            case "portaudio" -> new PortAudioBackend();
            default -> throw new IllegalArgumentException("--backend is pulse or portaudio, not " + backend);
        };
        if (!devices.available()) {
            throw new IllegalStateException(devices.status());
        }
        result.setting("backend", backend);
        AudioBackend none = new NullBackend();
        long room = session.rooms().get(0);
        ClickInjector mouthClicks = new ClickInjector(CLICK, harnessClock());
        ClickInjector directClicks = new ClickInjector(CLICK, harnessClock());
        ClickDetector detector = new ClickDetector(thresholdDbfs, harnessClock());
        DeviceLoop loop = new DeviceLoop(jitter.frameSamples());
        try (PulseSinks sinks = PulseSinks.create(pulseScript, MOUTH, EAR);
             Member talking = Member.join(session, room);
             Member listening = Member.join(session, room);
             VoiceEngine talker = VoiceEngine.forSession(talking.session, new VoiceEngine.Devices(devices,
                     device(MOUTH + ".monitor"), none, null), CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS),
                     jitter);
             VoiceEngine listener = VoiceEngine.forSession(listening.session, new VoiceEngine.Devices(none, null,
                     devices, device(EAR)), CaptureOptions.DEFAULT.withMode(TransmitMode.MUTED), jitter);
             CaptureStream heard = devices.openCapture(device(EAR + ".monitor"), HARNESS, detector);
             PlaybackStream mouth = devices.openPlayback(device(MOUTH), HARNESS, mouthClicks);
             PlaybackStream direct = devices.openPlayback(device(EAR), HARNESS, directClicks);
             // Opened as the engines opened theirs.
             CaptureStream loopIn = deviceLoop ? devices.openCapture(device(MOUTH + ".monitor"),
                     talker.captureStream().options(), loop::captured) : null;
             PlaybackStream loopOut = deviceLoop ? devices.openPlayback(device(EAR),
                     listener.playbackStream().options(), loop::play) : null) {
            result.setting("sinks", sinks.names());
            heard.start();
            mouth.start();
            direct.start();
            if (deviceLoop) {
                loopIn.start();
                loopOut.start();
            }
            listener.start().get(SETUP_SECONDS, TimeUnit.SECONDS);
            talker.start().get(SETUP_SECONDS, TimeUnit.SECONDS);
            awaitSpeaker(listener);

            Samples throughConfab = new Samples();
            Samples baseline = new Samples();
            Samples devicesOnly = new Samples();
            List<Integer> depths = new ArrayList<>();
            for (int i = 0; i < warmupClicks; i++) {
                click(mouthClicks, detector, null);
            }
            for (int i = 0; i < clicks; i++) {
                throughConfab.add(click(mouthClicks, detector, () -> depthNow(listener, depths)));
                baseline.add(click(directClicks, detector, null));
                if (deviceLoop) {
                    // The talker hears this click too; its copy through confab arrives after the
                    // detector has heard the loop's and stopped listening.
                    loop.setOpen(true);
                    devicesOnly.add(click(mouthClicks, detector, null));
                    loop.setOpen(false);
                }
            }
            report(result, throughConfab, baseline, depths,
                    heard.overruns() + mouth.underruns() + direct.underruns());
            if (deviceLoop) {
                reportDeviceLoop(result, throughConfab, baseline, devicesOnly);
            }
            devices(result, talker, listener, heard, mouth, direct);
        }
        return result;
    }

    private static FrameClock harnessClock() {
        return new FrameClock(HARNESS.frameSamples(), CLOCK_WINDOW, System::nanoTime);
    }

    /** What the chosen backend calls a PulseAudio sink or source. */
    private String device(String pulseDevice) {
        return backend.equals("portaudio") ? PortAudioBackend.ALSA_PREFIX + "pulse:" + pulseDevice : pulseDevice;
    }

    /**
     * Fires one click at a random sample of the injector's next frame and listens for it for a
     * random 400 to 600 ms, the gap before the next click.
     *
     * @param onHeard run once the click was heard (e.g. to read the jitter buffer's depth), or null
     * @return the latency in milliseconds, or NaN if the click was not heard
     */
    private static double click(ClickInjector injector, ClickDetector detector, Runnable onHeard)
            throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        detector.arm();
        injector.fire(random.nextInt(HARNESS.frameSamples()));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GAP_MIN_MILLIS + random.nextLong(GAP_SPREAD_MILLIS));
        boolean heard = false;
        while (System.nanoTime() < deadline) {
            if (!heard && detector.detectedNanos() != 0) {
                heard = true;
                if (onHeard != null) {
                    onHeard.run();
                }
            }
            Thread.sleep(2);
        }
        long fired = injector.firedNanos();
        long detected = detector.detectedNanos();
        return fired == 0 || detected == 0 ? Double.NaN : (detected - fired) / 1e6;
    }

    /** The listener's jitter buffer depth for the one speaker, in ms, right after a click was heard. */
    private static void depthNow(VoiceEngine listener, List<Integer> depths) {
        List<EngineState.Speaker> speakers = listener.snapshot().speakers();
        if (!speakers.isEmpty()) {
            depths.add(speakers.get(0).depthMillis());
        }
    }

    /** Waits until the listener has a stream for the talker: the talker's packets arrive. */
    private static void awaitSpeaker(VoiceEngine listener) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETUP_SECONDS);
        while (listener.snapshot().speakers().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the listener heard nothing from the talker within " + SETUP_SECONDS
                        + " s (transport " + listener.state().transport() + ")");
            }
            Thread.sleep(20);
        }
    }

    private void report(ScenarioResult result, Samples throughConfab, Samples baseline, List<Integer> depths,
                        long harnessXruns) {
        double rawMedian = throughConfab.percentile(50);
        double baseMedian = baseline.percentile(50);
        result.figure("mouth_to_ear_p50_ms", "mouth to ear through confab, median", rawMedian, "ms")
                .figure("mouth_to_ear_p90_ms", "mouth to ear through confab, p90", throughConfab.percentile(90), "ms")
                .figure("baseline_p50_ms", "baseline (harness alone), median", baseMedian, "ms")
                .figure("baseline_p90_ms", "baseline (harness alone), p90", baseline.percentile(90), "ms")
                .figure("confab_p50_ms", "confab's share: median less the baseline median", rawMedian - baseMedian, "ms")
                .figure("confab_p90_ms", "confab's share at p90 (p90 less the baseline median)",
                        throughConfab.percentile(90) - baseMedian, "ms")
                .figure("mouth_to_ear_min_ms", "mouth to ear through confab, least", throughConfab.percentile(0), "ms")
                .figure("mouth_to_ear_max_ms", "mouth to ear through confab, most", throughConfab.percentile(100), "ms")
                .figure("clicks_heard", "clicks through confab heard", throughConfab.heard(), "")
                .figure("clicks_lost", "clicks through confab lost", throughConfab.lost(), "")
                .figure("baseline_lost", "baseline clicks lost", baseline.lost(), "")
                .figure("jitter_depth_p50_ms", "listener's jitter buffer depth when a click was heard, median",
                        Stats.median(depths.stream().mapToDouble(Integer::doubleValue).toArray()), "ms");
        if (throughConfab.heard() == 0) {
            result.problem("no click through confab was heard");
        }
        if (baseline.lost() > 0) {
            result.problem(baseline.lost() + " baseline clicks were not heard: the harness itself lost them, so the"
                    + " figures cannot be trusted (is the machine overloaded?)");
        }
        result.note("null sinks have no DAC or ADC: on a real sound card add its own input and output latency");
        if (harnessXruns > 0) {
            result.note("the harness's own streams ran dry or over " + harnessXruns + " times (a busy machine):"
                    + " a click within half a second of that may be timed wrong; see the most and p90");
        }
    }

    /** Confab's share split into the engine's two device streams and the rest. */
    private static void reportDeviceLoop(ScenarioResult result, Samples throughConfab, Samples baseline,
                                         Samples devicesOnly) {
        double devices = devicesOnly.percentile(50) - baseline.percentile(50);
        result.figure("devices_p50_ms", "the engine's two device streams alone (loop less baseline), median",
                        devices, "ms")
                .figure("engine_p50_ms", "the rest: engine, codec, network, jitter buffer (confab less devices)",
                        throughConfab.percentile(50) - baseline.percentile(50) - devices, "ms")
                .figure("device_loop_lost", "device loop clicks lost", devicesOnly.lost(), "");
    }

    /** What the device streams obtained, and whether any of them ran dry or over. */
    private static void devices(ScenarioResult result, VoiceEngine talker, VoiceEngine listener, CaptureStream heard,
                                PlaybackStream mouth, PlaybackStream direct) {
        EngineState talking = talker.snapshot();
        result.figure("talker_capture_buffer_ms", "talker's capture stream buffer", talker.captureStream().bufferMillis(), "ms")
                .figure("listener_playback_buffer_ms", "listener's playback stream buffer",
                        listener.playbackStream().bufferMillis(), "ms")
                .figure("harness_buffers_ms", "harness's injector + detector buffers",
                        mouth.bufferMillis() + heard.bufferMillis(), "ms")
                .figure("talker_frames_skipped", "talker's capture frames skipped as backlog",
                        talking.capture().framesSkipped(), "")
                .figure("talker_capture_overruns", "talker's capture overruns", talker.captureStream().overruns(), "")
                .figure("listener_playback_underruns", "listener's playback underruns",
                        listener.playbackStream().underruns(), "")
                .figure("harness_xruns", "harness streams' overruns and underruns",
                        heard.overruns() + mouth.underruns() + direct.underruns(), "");
    }

    /** Latencies of one path's clicks; NaN for a click not heard. */
    static final class Samples {
        private final List<Double> millis = new ArrayList<>();

        void add(double latencyMillis) {
            millis.add(latencyMillis);
        }

        int heard() {
            return (int) millis.stream().filter(m -> !m.isNaN()).count();
        }

        int lost() {
            return millis.size() - heard();
        }

        /** The nearest-rank percentile of the clicks heard, in ms (0: the least); NaN if none was. */
        double percentile(double percent) {
            long[] micros = millis.stream().filter(m -> !m.isNaN()).mapToLong(m -> Math.round(m * 1000)).toArray();
            Arrays.sort(micros);
            return Stats.percentile(micros, percent) / 1000;
        }
    }

    /** One client of the run: a chat session logged in with the run's token and joined to the room, with its voice grant. */
    private static final class Member implements AutoCloseable {
        final ChatSession session;

        private Member(ChatSession session) {
            this.session = session;
        }

        static Member join(BenchSession bench, long room) throws Exception {
            ChatSession session = bench.openSession().get(SETUP_SECONDS, TimeUnit.SECONDS);
            Member member = new Member(session);
            try {
                session.request(id -> new Request.Join(id, room, null)).get(SETUP_SECONDS, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETUP_SECONDS);
                while (true) {
                    Event.VoiceGranted grant = session.voiceGrant();
                    if (grant != null && grant.room() == room) {
                        return member;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no voice grant for the room within " + SETUP_SECONDS + " s");
                    }
                    Thread.sleep(20);
                }
            } catch (Exception | Error e) {
                member.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                session.logout().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("logging a latency client out failed: " + e);
            }
        }
    }
}
