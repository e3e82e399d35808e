package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confab.protocol.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal UI in a real terminal: {@code confab} runs in a tmux session of 80x24 against a
 * real server, driven with send-keys and read with capture-pane, as a person would see it.
 */
class TuiTmuxTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String annToken;
    static String catToken;

    @TempDir
    Path home;
    private final String session = "confab-tui-test-" + ProcessHandle.current().pid();
    private Path runtime;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(onPath("tmux"), "tmux is not installed (apt-get install tmux)");
        server = CliServer.start(serverData);
        annToken = server.tokenFor(server.createUser("ann", Role.MEMBER));
        catToken = server.tokenFor(server.createUser("cat", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void killSession() throws Exception {
        tmux("kill-session", "-t", session);
        if (runtime != null) {
            try (var files = Files.walk(runtime)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void chatTalkAndBadCommandsInAnEightyByTwentyFourTerminal() throws Exception {
        Path config = home.resolve("config");
        Files.createDirectories(config.resolve("confab"));
        // No sound card in a test: the null backend, so voice runs without a device.
        Files.writeString(config.resolve("confab/confab-tui.json"), "{\"backend\":\"null\"}");
        runtime = Files.createTempDirectory(Path.of("/tmp"), "tui");
        String jar = System.getProperty("confab.tui.jar");
        assertThat(Path.of(jar)).as("the TUI's jar (built by the reactor before cli-client)").exists();
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                "env CONFAB_TOKEN=" + annToken + " XDG_CONFIG_HOME=" + config + " XDG_STATE_HOME=" + home.resolve("state")
                        + " XDG_RUNTIME_DIR=" + runtime + " java -jar " + jar + " confab://" + server.address() + "/Lobby");

        List<String> screen = await(s -> last(s).contains("online") && last(s).contains("udp"), "connected, voice on UDP");
        assertThat(screen).hasSize(24);
        assertThat(screen.get(0)).startsWith("Lobby");
        assertThat(screen.get(1)).contains("ann");

        tmux("send-keys", "-t", session, "hello from the terminal", "Enter");
        await(s -> s.stream().anyMatch(l -> l.contains("ann hello from the terminal")), "the message in the chat pane");
        new Cli(home.resolve("cat")).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", catToken)
                .run("send", "--room", "Lobby", "hi ann").ok();
        await(s -> s.stream().anyMatch(l -> l.contains("cat hi ann")), "another person's message");

        // Hold to talk by auto-repeat: a burst of F5 presses transmits; it stops after the gap.
        for (int i = 0; i < 30; i++) {
            tmux("send-keys", "-t", session, "F5");
            Thread.sleep(30);
        }
        await(s -> last(s).contains(" TX "), "transmitting while F5 repeats");
        await(s -> !last(s).contains(" TX ") && last(s).contains("hold F5"), "no longer after the repeats stop");

        tmux("send-keys", "-t", session, "/join Nowhere", "Enter");
        await(s -> s.stream().anyMatch(l -> l.contains("!! there is no room Nowhere")), "a clear error in the chat pane");
        tmux("send-keys", "-t", session, "/frobnicate", "Enter");
        await(s -> s.stream().anyMatch(l -> l.contains("!! unknown command /frobnicate")), "an unknown command");

        tmux("resize-window", "-t", session, "-x", "100", "-y", "30");
        List<String> resized = await(s -> s.size() == 30 && last(s).contains("online"), "redrawn at 100x30");
        assertThat(resized.get(28)).startsWith("Lobby>");

        tmux("send-keys", "-t", session, "/quit", "Enter");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tmux("has-session", "-t", session) == 0) {
            assertThat(System.nanoTime()).as("/quit ends confab").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String last(List<String> screen) {
        return screen.isEmpty() ? "" : screen.get(screen.size() - 1);
    }

    private List<String> await(Predicate<List<String>> test, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> screen = capture();
        while (!test.test(screen)) {
            assertThat(System.nanoTime()).as("waiting for %s; the screen:%n%s", what, String.join("\n", screen))
                    .isLessThan(deadline);
            Thread.sleep(50);
            screen = capture();
        }
        return screen;
    }

    private List<String> capture() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.SECONDS);
        return new ArrayList<>(List.of(out.split("\n", -1))).subList(0, Math.max(0, out.split("\n", -1).length - 1));
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
