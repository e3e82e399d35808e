package dev.confab.cli.it;

import static dev.confab.cli.it.TmuxSession.last;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.ServerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/confab-demo in a real terminal, twice: the first run sets up an account and an echo room,
 * and opens the terminal UI in it on a server of its own; {@code /quit} stops that server; the
 * second run reuses the account and its stored login.
 */
class DemoTmuxTest {

    @TempDir
    Path home;
    /** XDG_RUNTIME_DIR, for the UI's push-to-talk socket: short, as Unix socket paths must be. */
    private final Path runtime = createRuntimeFolder();

    @BeforeAll
    static void needsTmux() {
        TmuxSession.assumeInstalled();
    }

    @AfterEach
    void removeRuntimeFolder() throws IOException {
        try (var files = Files.walk(runtime)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theDemoOpensTheEchoRoomAndStopsItsServerWhenTheUiQuits() throws Exception {
        Path bin = launchers(home.resolve("bin"));
        Path state = home.resolve("state");
        Path demo = state.resolve("confab/demo");
        // No sound card in a test: the null backend, so voice runs without a device.
        Files.createDirectories(demo.resolve("config/confab"));
        Files.writeString(demo.resolve("config/confab/confab-tui.json"), "{\"backend\":\"null\"}");
        String command = "env CONFAB_DEMO_BIN=" + bin + " XDG_STATE_HOME=" + state + " XDG_RUNTIME_DIR=" + runtime
                + " " + Path.of("..", "bin", "confab-demo").toAbsolutePath().normalize();

        try (TmuxSession first = TmuxSession.start("demo", command)) {
            List<String> screen = first.await(s -> last(s).contains("online") && last(s).contains("| Echo"),
                    "the UI online, in the Echo room");
            assertThat(screen).anyMatch(line -> line.startsWith("Lobby")).anyMatch(line -> line.startsWith("  Echo"));
            first.awaitLine("Echo room: hold F5", "the hint posted into the Echo room");
            assertThat(serversOn(demo)).as("the demo's server").hasSize(1);

            first.type("/quit", "Enter");
            first.awaitGone("/quit ends the demo");
        }
        assertThat(serversOn(demo)).as("the demo's server after /quit").isEmpty();
        assertThat(Files.getPosixFilePermissions(demo.resolve("password")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String login = Files.readString(demo.resolve("config/confab/confab-cli.credentials"));

        try (TmuxSession again = TmuxSession.start("demo-again", command)) {
            again.await(s -> last(s).contains("online") && last(s).contains("| Echo"), "the second run online");
            again.type("/quit", "Enter");
            again.awaitGone("/quit ends the second run");
        }
        assertThat(serversOn(demo)).isEmpty();
        assertThat(Files.readString(demo.resolve("config/confab/confab-cli.credentials")))
                .as("the stored login, reused").isEqualTo(login);
    }

    private static Path createRuntimeFolder() {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "demo");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * confab-server, confab-cli and confab as the build made them: the server from this test's
     * class path (bin/confab-server would build its jar first when sources changed), the clients'
     * jars as the reactor packaged them.
     */
    private static Path launchers(Path bin) throws IOException {
        String java = Cli.javaCommand().get(0);
        // The class path in an argument file keeps the process's command line short enough to be read whole.
        Path classPath = bin.resolve("server-class-path");
        Files.createDirectories(bin);
        Files.writeString(classPath, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
        write(bin.resolve("confab-server"), java + " -Dlogback.configurationFile=logback.xml"
                + " -Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider @" + classPath + " "
                + ServerMain.class.getName());
        write(bin.resolve("confab-cli"), String.join(" ", Cli.javaCommand()) + " -jar " + Cli.jar());
        write(bin.resolve("confab"), java + " -jar " + System.getProperty("confab.tui.jar"));
        return bin;
    }

    private static void write(Path launcher, String command) throws IOException {
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec " + command + " \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
    }

    /** The confab-server processes running on the demo's data folder. */
    private static List<String> serversOn(Path demo) {
        String data = demo.resolve("data").toString();
        return ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(ServerMain.class.getName()) && line.contains(data))
                .collect(Collectors.toList());
    }
}
