package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs confab-cli the way a script does: the shaded jar in a separate JVM, with arguments, an
 * environment of its own (config folder, CONFAB_SERVER, CONFAB_TOKEN) and stdin. It runs with
 * the options bin/confab-cli uses, including a class-data archive ({@link ClassArchive}).
 */
final class Cli {

    /** What bin/confab-cli runs with (see there for why). */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=error:stderr");
    private static final long TIMEOUT_SECONDS = 60;

    private final Map<String, String> environment = new HashMap<>();

    /** A CLI whose config folder (known_servers, stored logins) is {@code home}/config. */
    Cli(Path home) {
        environment.put("PATH", System.getenv("PATH"));
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        environment.put("TZ", "UTC");
    }

    Cli with(String variable, String value) {
        Cli copy = new Cli(Path.of(environment.get("HOME")));
        copy.environment.putAll(environment);
        if (value == null) {
            copy.environment.remove(variable);
        } else {
            copy.environment.put(variable, value);
        }
        return copy;
    }

    Path configDir() {
        return Path.of(environment.get("XDG_CONFIG_HOME"), "confab");
    }

    /** A {@code confab-cli} script in {@code folder} that starts the jar, for shell pipelines to find on the PATH. */
    private static void writeLauncher(Path folder) throws IOException {
        StringBuilder script = new StringBuilder("#!/usr/bin/env bash\nexec");
        for (String word : command(List.of())) {
            script.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Path launcher = folder.resolve("confab-cli");
        Files.createDirectories(folder);
        Files.writeString(launcher, script);
        launcher.toFile().setExecutable(true);
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return finish(start(List.of(args)), stdin);
    }

    /** Runs confab-cli with extra JVM options (to write the class-data archive). */
    Result runWithJvmOptions(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return finish(builder.start(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code script} with bash, in this CLI's environment and with {@code confab-cli} on the PATH. */
    Result bash(String script) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; " + script);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path bin = Path.of(environment.get("HOME"), "bin");
        builder.environment().put("PATH", bin + java.io.File.pathSeparator + environment.get("PATH"));
        try {
            writeLauncher(bin);
            return finish(builder.start(), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts confab-cli and leaves it running (for tail). */
    Process start(List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(ClassArchive.use());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        return command;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("confab.cli.jar", "target/confab-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run the tests with 'mvn verify', which packages it first");
        }
        return jar;
    }

    private static Result finish(Process process, String stdin) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outReader = copier(process.getInputStream(), out);
            Thread errReader = copier(process.getErrorStream(), err);
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The command exited without reading all of stdin: its output says why.
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("confab-cli did not finish within " + TIMEOUT_SECONDS + " s");
            }
            outReader.join();
            errReader.join();
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Thread copier(InputStream from, OutputStream to) {
        Thread thread = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException e) {
                // The process ended.
            }
        });
        thread.start();
        return thread;
    }

    /** What one run printed, and how it ended. */
    record Result(int exit, String out, String err) {

        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        /** Exit 0 and nothing on stderr. */
        Result ok() {
            assertThat(err).as("stderr").isEmpty();
            assertThat(exit).as("exit code (stderr: %s)", err).isZero();
            return this;
        }

        /**
         * A failure as the documentation promises it: the exit code, one line on stderr that
         * starts {@code confab-cli: CODE: } and no stack trace, nothing on stdout.
         */
        Result fails(int expectedExit, String code) {
            assertThat(exit).as("exit code (stderr: %s)", err).isEqualTo(expectedExit);
            assertThat(err).as("stderr").startsWith("confab-cli: " + code + ": ").endsWith("\n");
            assertThat(err.strip()).as("stderr is one line").doesNotContain("\n");
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(out).as("stdout").isEmpty();
            return this;
        }

        /** The error line mentions each of {@code parts}. */
        Result mentions(String... parts) {
            for (String part : parts) {
                assertThat(err).as("stderr").contains(part);
            }
            return this;
        }
    }
}
