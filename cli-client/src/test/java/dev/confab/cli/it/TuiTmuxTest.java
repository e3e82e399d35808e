package dev.confab.cli.it;

import static dev.confab.cli.it.TmuxSession.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confab.client.audio.device.PortAudioBackend;
import dev.confab.client.chat.TcpForwarder;
import dev.confab.protocol.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal UI in a real terminal: {@code confab} runs in tmux sessions of 80x24 against a
 * real server, driven with send-keys and read with capture-pane, as a person would see it.
 */
class TuiTmuxTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String adminToken;
    static String annToken;
    static String catToken;
    static String botToken;

    @TempDir
    Path home;
    private final List<Tui> tuis = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        TmuxSession.assumeInstalled();
        server = CliServer.start(serverData);
        adminToken = server.tokenFor(server.createUser("boss", Role.ADMIN));
        annToken = server.tokenFor(server.createUser("ann", Role.MEMBER));
        catToken = server.tokenFor(server.createUser("cat", Role.MEMBER));
        botToken = server.tokenFor(server.createUser("bot", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void killSessions() throws Exception {
        for (Tui tui : tuis) {
            tui.close();
        }
    }

    /** One {@code confab} in a tmux session of its own, with its own config, state and runtime folders. */
    private final class Tui implements AutoCloseable {
        final TmuxSession terminal;
        final Path runtime;

        Tui(String name, String token) throws Exception {
            this(name, token, server.address());
        }

        /** A confab that reaches the server at {@code address} (a forwarder, say). */
        Tui(String name, String token, String address) throws Exception {
            // No sound card in a test: the null backend, so voice runs without a device.
            this(name, token, address, "{\"backend\":\"null\"}", true);
        }

        /**
         * A confab with its settings file as given; {@code address} null: started with no server
         * (it lists the bookmarks); {@code pinned}: the server's fingerprint is given up front
         * (CONFAB_TRUST), else it is met for the first time.
         */
        Tui(String name, String token, String address, String settings, boolean pinned) throws Exception {
            Path config = home.resolve(name).resolve("config");
            Files.createDirectories(config.resolve("confab"));
            if (settings != null) {
                Files.writeString(config.resolve("confab/confab-tui.json"), settings);
            }
            runtime = Files.createTempDirectory(Path.of("/tmp"), "tui"); // Unix socket paths must stay short
            String jar = System.getProperty("confab.tui.jar");
            assertThat(Path.of(jar)).as("the TUI's jar (built by the reactor before cli-client)").exists();
            // The hangup signal ignored, as under a script that keeps it to itself (confab-demo does):
            // confab must notice by itself that its terminal went away (aTerminalThatHangsUpEndsConfab).
            terminal = TmuxSession.start("tui-" + name,
                    "trap '' HUP; exec env CONFAB_TOKEN=" + token + (pinned ? " CONFAB_TRUST=" + server.fingerprint() : "")
                            + " XDG_CONFIG_HOME=" + config + " XDG_STATE_HOME="
                            + home.resolve(name).resolve("state") + " XDG_RUNTIME_DIR=" + runtime + " java -jar " + jar
                            + (address == null ? "" : " confab://" + address + "/Lobby"));
            tuis.add(this);
        }

        void type(String... keys) throws Exception {
            terminal.type(keys);
        }

        List<String> await(Predicate<List<String>> test, String what) throws Exception {
            return terminal.await(test, what);
        }

        List<String> awaitLine(String text, String what) throws Exception {
            return terminal.awaitLine(text, what);
        }

        Cli cli() {
            return new Cli(home.resolve("cli")).with("XDG_RUNTIME_DIR", runtime.toString());
        }

        @Override
        public void close() throws Exception {
            terminal.close();
            try (var files = Files.walk(runtime)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void chatTalkAndBadCommandsInAnEightyByTwentyFourTerminal() throws Exception {
        Tui ann = new Tui("ann", annToken);
        List<String> screen = ann.await(s -> last(s).contains("online") && last(s).contains("udp")
                && s.get(0).startsWith("Lobby"), "connected, voice on UDP, the room tree drawn");
        assertThat(screen).hasSize(24);
        assertThat(screen.get(1)).contains("ann");

        ann.type("hello from the terminal", "Enter");
        ann.awaitLine("ann hello from the terminal", "the message in the chat pane");
        as(catToken).run("send", "--room", "Lobby", "hi ann").ok();
        ann.awaitLine("cat hi ann", "another person's message");

        // Hold to talk by auto-repeat: F5 repeating (as a held key does, every 30 ms) transmits;
        // transmission stops after the repeats do. The presses go on while the screen is read.
        AtomicBoolean held = new AtomicBoolean(true);
        Thread repeats = new Thread(() -> {
            try {
                while (held.get()) {
                    ann.type("F5");
                    Thread.sleep(30);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        repeats.start();
        try {
            ann.await(s -> last(s).contains(" TX "), "transmitting while F5 repeats");
        } finally {
            held.set(false);
            repeats.join();
        }
        ann.await(s -> !last(s).contains(" TX ") && last(s).contains("hold F5"), "no longer after the repeats stop");

        // The control socket, as a hotkey daemon uses it.
        ann.cli().run("ptt", "toggle").ok();
        ann.await(s -> last(s).contains(" TX "), "transmitting after confab-cli ptt toggle");
        ann.cli().run("ptt", "toggle").ok();
        ann.await(s -> !last(s).contains(" TX "), "stopped by the second toggle");

        ann.type("/join Nowhere", "Enter");
        ann.awaitLine("!! there is no room Nowhere", "a clear error in the chat pane");
        ann.type("/frobnicate", "Enter");
        ann.awaitLine("!! unknown command /frobnicate", "an unknown command");

        ann.terminal.resize(100, 30);
        List<String> resized = ann.await(s -> s.size() == 30 && last(s).contains("online"), "redrawn at 100x30");
        assertThat(resized.get(28)).startsWith("Lobby>");

        ann.type("/quit", "Enter");
        awaitGone(ann);
    }

    private static void awaitGone(Tui tui) throws Exception {
        tui.terminal.awaitGone("/quit ends confab");
    }

    @Test
    void twoPeopleSeeEachOtherMoveMessageAndABotTalk() throws Exception {
        as(adminToken).run("room", "create", "Den").ok();
        Tui ann = new Tui("ann2", annToken);
        Tui cat = new Tui("cat2", catToken);
        ann.await(s -> s.stream().anyMatch(l -> l.contains(" cat")) && last(s).contains("online"), "ann sees cat");
        cat.await(s -> last(s).contains("online") && s.stream().anyMatch(l -> l.startsWith("  Den")), "cat's own tree");

        cat.type("/join Den", "Enter");
        ann.await(s -> denHolds(s, "cat"), "cat under Den in ann's tree");
        ann.awaitLine("-- cat went to Den", "a notice in the lobby");

        ann.type("/msg cat are you there?", "Enter");
        cat.await(s -> s.stream().anyMatch(l -> l.contains("@ann (1)")), "an unread direct conversation in cat's tree");
        cat.type("C-n");
        cat.awaitLine("[dm] ann are you there?", "the message, once cat looks at it");

        // A display name shows in everyone's tree and on what the person writes.
        ann.type("/nick Ann Z", "Enter");
        ann.awaitLine("-- you are now shown as Ann Z", "the change confirmed");
        cat.await(s -> s.stream().anyMatch(l -> l.contains("Ann Z")), "the display name in cat's tree");
        ann.type("/msg cat still here", "Enter");
        cat.awaitLine("[dm] Ann Z still here", "the display name on her message");

        // A bot speaks into the lobby: its talking marker shows in ann's tree while it plays.
        Process bot = as(botToken).start(List.of("play", "--room", "Lobby", AudioCommandsTest.SPEECH.toAbsolutePath()
                .toString()));
        bot.getOutputStream().close();
        ann.await(s -> s.stream().anyMatch(l -> l.contains(">bot")), "the bot's talking marker");
        assertThat(bot.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ann.await(s -> s.stream().noneMatch(l -> l.contains(">bot")), "the marker gone once it stopped");
    }

    @Test
    void toggleTalkingAndALostConnectionThatResumes() throws Exception {
        try (TcpForwarder network = new TcpForwarder(server.port())) {
            Tui ann = new Tui("ann3", annToken, "127.0.0.1:" + network.port());
            ann.await(s -> last(s).contains("online") && last(s).contains("udp"), "connected, voice on UDP");

            ann.type("/ptt toggle", "Enter");
            ann.await(s -> last(s).contains("toggle F5"), "toggle mode in the status bar at once");
            ann.type("F5");
            ann.await(s -> last(s).contains(" TX "), "transmitting after one press");
            ann.type("F5");
            ann.await(s -> !last(s).contains(" TX "), "stopped by the next press");

            // The network fails and stays down for a while: the status bar says so.
            network.setRefusing(true);
            network.dropConnections();
            ann.await(s -> last(s).contains("reconnecting"), "the lost connection in the status bar");
            as(catToken).run("send", "--room", "Lobby", "said while ann was away").ok();
            network.setRefusing(false);
            ann.await(s -> last(s).contains("online"), "online again");
            ann.awaitLine("-- connection resumed", "the resume noted in the chat pane");
            ann.awaitLine("cat said while ann was away", "what was said meanwhile, caught up");
            ann.type("back again", "Enter");
            ann.awaitLine("ann back again", "chat works after the resume");
        }
    }

    /** A server met for the first time: its fingerprint is shown, and nothing happens until /trust. */
    @Test
    void aFirstContactShowsTheFingerprintToConfirm() throws Exception {
        Tui ann = new Tui("ann5", annToken, server.address(), "{\"backend\":\"null\"}", false);
        ann.awaitLine(server.fingerprint().substring(0, 40), "the server's fingerprint in the chat pane");
        List<String> screen = ann.awaitLine("/trust to", "what to do about it");
        assertThat(last(screen)).doesNotContain("online");
        ann.type("/trust", "Enter");
        ann.await(s -> last(s).contains("online"), "connected once trusted");
        Path known = home.resolve("ann5").resolve("config").resolve("confab").resolve("known_servers");
        assertThat(Files.readString(known)).contains(server.address() + " " + server.fingerprint());
    }

    /** The terminal goes away (an ssh connection dropped, the tmux session killed): confab leaves too. */
    @Test
    void aTerminalThatHangsUpEndsConfab() throws Exception {
        Tui ann = new Tui("ann7", annToken);
        ann.await(s -> last(s).contains("online"), "connected");
        ProcessHandle confab = ann.terminal.process();
        assertThat(confab.info().command().orElse("")).endsWith("java");
        ann.terminal.close();
        assertThat(confab.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("confab ended with its terminal").isFalse();
    }

    /** Leaving in a room keeps it as a bookmark; confab alone lists the bookmarks and opens one by number. */
    @Test
    void bookmarksRememberTheServerAccountAndLastRoom() throws Exception {
        as(adminToken).run("room", "create", "Attic").ok();
        Tui first = new Tui("ann6", annToken);
        first.await(s -> last(s).contains("online"), "connected");
        first.type("/join Attic", "Enter");
        first.await(s -> last(s).contains("| Attic"), "in the Attic");
        first.type("/ptt vad", "Enter");
        first.type("/vol cat 150", "Enter");
        first.type("/quit", "Enter");
        awaitGone(first);
        String settings = Files.readString(home.resolve("ann6").resolve("config").resolve("confab")
                .resolve("confab-tui.json"));
        assertThat(settings).containsPattern("\"transmit\"\\s*:\\s*\"vad\"").containsPattern("\"cat\"\\s*:\\s*150");

        Tui again = new Tui("ann6", annToken, null, null, true);
        again.awaitLine("1  " + server.address() + "/Attic as ann", "the bookmark listed");
        again.type("/connect 1", "Enter");
        again.await(s -> last(s).contains("online") && last(s).contains("| Attic"), "back in the Attic");
    }

    /**
     * PortAudio prints to the process's stderr when a device fails to open, below anything Java
     * can redirect: the TUI points descriptor 2 at a file, so the screen stays clean.
     */
    @Test
    void nativeAudioNoiseNeverReachesTheScreen() throws Exception {
        PortAudioBackend portaudio = new PortAudioBackend();
        assumeTrue(portaudio.available(), portaudio::status);
        Tui ann = new Tui("ann4", annToken, server.address(),
                "{\"backend\":\"portaudio\",\"input\":\"alsa:confab_no_such_pcm\",\"output\":\"alsa:confab_no_such_pcm\"}",
                true);
        List<String> screen = ann.awaitLine("confab_no_such_pcm", "the failed device named in the chat pane");
        Thread.sleep(1000); // what a native library prints comes around the failure
        screen = ann.await(s -> last(s).contains("online"), "still online");
        assertThat(String.join("\n", screen)).doesNotContain("ALSA lib", "Expression '", "PaAlsa", "Cannot connect");
        Path stderrLog = home.resolve("ann4").resolve("state").resolve("confab").resolve("confab-tui-stderr.log");
        assertThat(stderrLog).exists();
        System.out.println("the TUI's stderr while its screen was up:\n" + Files.readString(stderrLog));
    }

    private static boolean denHolds(List<String> screen, String name) {
        int den = -1;
        for (int i = 0; i < screen.size(); i++) {
            if (screen.get(i).startsWith("  Den")) {
                den = i;
            }
        }
        return den >= 0 && den + 1 < screen.size() && screen.get(den + 1).contains(name);
    }

    private Cli as(String token) {
        return new Cli(home.resolve("cli")).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }
}
