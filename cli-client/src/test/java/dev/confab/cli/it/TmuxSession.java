package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program in a real terminal: a detached tmux session of its own, 80x24, typed into with
 * send-keys and read with capture-pane, as a person would see it.
 */
final class TmuxSession implements AutoCloseable {
    private static final long AWAIT_SECONDS = 30;

    private final String name;

    private TmuxSession(String name) {
        this.name = name;
    }

    /** Skips the calling test when tmux is not installed. */
    static void assumeInstalled() {
        assumeTrue(onPath("tmux"), "tmux is not installed (apt-get install tmux)");
    }

    /** Runs {@code command} (a shell command line) in a new session; the session ends when it does. */
    static TmuxSession start(String label, String command) throws IOException, InterruptedException {
        TmuxSession session = new TmuxSession("confab-test-" + ProcessHandle.current().pid() + "-" + label);
        tmux("new-session", "-d", "-s", session.name, "-x", "80", "-y", "24", command);
        return session;
    }

    String name() {
        return name;
    }

    void type(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", name));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    void resize(int columns, int rows) throws IOException, InterruptedException {
        tmux("resize-window", "-t", name, "-x", String.valueOf(columns), "-y", String.valueOf(rows));
    }

    /** The screen once {@code test} holds of it; fails after 30 s, showing the screen. */
    List<String> await(Predicate<List<String>> test, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        List<String> screen = capture();
        while (!test.test(screen)) {
            assertThat(System.nanoTime()).as("%s waiting for %s; the screen:%n%s", name, what,
                    String.join("\n", screen)).isLessThan(deadline);
            Thread.sleep(50);
            screen = capture();
        }
        return screen;
    }

    List<String> awaitLine(String text, String what) throws IOException, InterruptedException {
        return await(s -> s.stream().anyMatch(l -> l.contains(text)), what);
    }

    /** Waits until the program has ended, and with it the session. */
    void awaitGone(String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tmux("has-session", "-t", name) == 0) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The bottom line of a screen: the status bar. */
    static String last(List<String> screen) {
        return screen.isEmpty() ? "" : screen.get(screen.size() - 1);
    }

    /** The process the session runs (the command's, once it has exec'd). */
    ProcessHandle process() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "display-message", "-p", "-t", name, "#{pane_pid}")
                .redirectErrorStream(true).start();
        String pid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(5, TimeUnit.SECONDS);
        return ProcessHandle.of(Long.parseLong(pid)).orElseThrow(() -> new IllegalStateException("no process " + pid));
    }

    private List<String> capture() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.SECONDS);
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        return lines.subList(0, Math.max(0, lines.size() - 1));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        tmux("kill-session", "-t", name);
    }

    private static int tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("tmux");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
