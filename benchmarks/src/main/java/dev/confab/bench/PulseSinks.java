package dev.confab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Null sinks of their own on the headless PulseAudio of {@code scripts/pulseaudio-test-server}
 * (started if it is not running; never stopped, since others use it), removed on close. Each
 * sink NAME is a 48 kHz mono device: PortAudio plays into {@code alsa:pulse:NAME} and records
 * what it plays from {@code alsa:pulse:NAME.monitor}.
 */
final class PulseSinks implements AutoCloseable {
    private static final long SCRIPT_TIMEOUT_SECONDS = 30;

    private final Path script;
    private final List<String> made = new ArrayList<>();

    private PulseSinks(Path script) {
        this.script = script;
    }

    /** Makes the sinks (or finds them); on a failure removes those made and throws. */
    static PulseSinks create(Path script, String... names) throws IOException, InterruptedException {
        if (!Files.isExecutable(script)) {
            throw new IOException("no PulseAudio script at " + script.toAbsolutePath()
                    + " (run from the checkout, or pass --pulse-script)");
        }
        PulseSinks sinks = new PulseSinks(script);
        try {
            for (String name : names) {
                sinks.run("sink", name);
                sinks.made.add(name);
            }
            return sinks;
        } catch (IOException | InterruptedException | RuntimeException e) {
            sinks.close();
            throw e;
        }
    }

    /** The sinks made, by name. */
    List<String> names() {
        return List.copyOf(made);
    }

    @Override
    public void close() {
        for (String name : made) {
            try {
                run("remove-sink", name);
            } catch (IOException e) {
                System.err.println("could not remove the PulseAudio sink " + name + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                System.err.println("interrupted while removing the PulseAudio sink " + name);
            }
        }
        made.clear();
    }

    private void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
    }
}
