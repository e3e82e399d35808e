package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.control.PttControlServer;
import dev.confab.client.control.PttSocketPath;
import dev.confab.client.control.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code confab-cli ptt} as a hotkey daemon runs it, against a control socket with the TUI's
 * rules (client-core's RecordingListener stands in for the TUI, which owns the real one).
 */
class PttCommandTest {

    @TempDir
    Path home;
    private Path runtime;
    private PttControlServer server;
    private final RecordingListener tui = new RecordingListener();

    @BeforeEach
    void startSocket() throws Exception {
        // Unix socket paths must stay short: a folder of its own directly under /tmp.
        runtime = Files.createTempDirectory(Path.of("/tmp"), "ptt");
        server = PttControlServer.start(PttSocketPath.resolve(Map.of("XDG_RUNTIME_DIR", runtime.toString()), "x"), tui);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        try (var files = Files.walk(runtime)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Cli cli() {
        return new Cli(home).with("XDG_RUNTIME_DIR", runtime.toString());
    }

    @Test
    void toggleStatusAndAHoldThatAnotherProcessReleases() throws Exception {
        assertThat(cli().run("ptt", "status").ok().out()).isEqualTo("idle\n");
        assertThat(cli().run("ptt", "toggle").ok().out()).as("quiet on success").isEmpty();
        assertThat(cli().run("ptt", "status").ok().out()).isEqualTo("talking\n");
        assertThat(cli().run("--json", "ptt", "toggle").ok().out()).isEqualTo("{\"talking\":false}\n");

        Process press = cli().start(List.of("ptt", "press"));
        press.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!tui.talking()) {
            assertThat(press.isAlive()).as("press waits while it holds").isTrue();
            assertThat(System.nanoTime()).as("the press arrived").isLessThan(deadline);
            Thread.sleep(20);
        }
        cli().run("ptt", "release").ok();
        assertThat(press.waitFor(10, TimeUnit.SECONDS)).as("press ends once released").isTrue();
        assertThat(press.exitValue()).isZero();
        assertThat(tui.talking()).isFalse();
    }

    @Test
    void withoutATuiOrWithABadActionItSaysSo() {
        server.close();
        cli().run("ptt", "status").fails(6, "no_tui").mentions("no confab TUI");
        cli().run("ptt", "shout").fails(2, "usage").mentions("press, release, toggle or status");
    }
}
