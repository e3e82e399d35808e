package dev.confab.client.audio.device;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * The headless PulseAudio server of {@code scripts/pulseaudio-test-server}, for tests that need a
 * real audio device. {@link #require()} starts it (or finds it running: the script is idempotent)
 * and skips the calling test, through a JUnit assumption with the reason, when the script or
 * PulseAudio is not installed, or when a PulseAudio server the script did not start is running
 * (its default devices belong to someone). If PulseAudio is installed but will not start, the
 * test fails: CI installs it so that these tests run there.
 *
 * <p>The speaker is the sink {@value #SPEAKER}; Java Sound and PortAudio's "default" play into it
 * and capture from its monitor. Tests that want their own devices make a sink with {@link
 * #sink(String)} and open {@code alsa:pulse:NAME} and {@code alsa:pulse:NAME.monitor} with
 * PortAudio.
 */
public final class PulseAudioTestServer {

    public static final String SPEAKER = "confab_speaker";

    private static final String SCRIPT = "scripts/pulseaudio-test-server";

    private final Path script;

    private PulseAudioTestServer(Path script) {
        this.script = script;
    }

    /** The outcome of the first {@link #require()} in this JVM: the server, or why there is none. */
    private static PulseAudioTestServer started;
    private static String skipped;

    /**
     * The running server, or the test is skipped (see the class comment). The script runs once
     * per JVM; later calls repeat its outcome. Call it from {@code @BeforeEach}, so that each
     * skipped test shows the reason in the report.
     */
    public static synchronized PulseAudioTestServer require() {
        if (started == null && skipped == null) {
            try {
                started = start();
            } catch (TestAbortedException e) {
                skipped = e.getMessage().replaceFirst("^Assumption failed: ", "");
            }
        }
        assumeTrue(started != null, skipped);
        return started;
    }

    private static PulseAudioTestServer start() {
        Path script = findScript();
        assumeTrue(script != null, () -> SCRIPT + " not found above " + Path.of("").toAbsolutePath());
        assumeTrue(onPath("pulseaudio") && onPath("pactl"),
                "PulseAudio is not installed (apt-get install pulseaudio pulseaudio-utils libasound2-plugins)");
        PulseAudioTestServer server = new PulseAudioTestServer(script);
        Result started = server.run("start");
        assumeTrue(started.code != 3, () -> "not using the PulseAudio server that is running: " + started.output);
        if (started.code != 0) {
            fail(SCRIPT + " start failed (" + started.code + "): " + started.output);
        }
        return server;
    }

    /** Adds (or finds) a 48 kHz mono null sink named {@code name}; its monitor is {@code name.monitor}. */
    public String sink(String name) {
        Result result = run("sink", name);
        if (result.code != 0) {
            fail(SCRIPT + " sink " + name + " failed (" + result.code + "): " + result.output);
        }
        return name;
    }

    public void removeSink(String name) {
        run("remove-sink", name);
    }

    private record Result(int code, String output) {
    }

    private Result run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after 20 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
