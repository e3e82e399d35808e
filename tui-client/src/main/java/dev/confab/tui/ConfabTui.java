package dev.confab.tui;

import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.ExtendedTerminal;
import com.googlecode.lanterna.terminal.MouseCaptureMode;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.confab.client.app.BackendOptions;
import dev.confab.client.app.ClientBackend;
import dev.confab.client.app.ClientCommand;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.device.AudioBackends;
import dev.confab.client.audio.device.AudioDeviceException;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.audio.jitter.JitterOptions;
import dev.confab.client.control.PttControlException;
import dev.confab.client.control.PttControlServer;
import dev.confab.client.trust.ConfabDirs;
import dev.confab.client.trust.KnownServers;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.StoredLogins;
import dev.confab.tui.ptt.KittyKeyPattern;
import dev.confab.tui.ptt.KittyKeyboard;
import dev.confab.tui.ptt.PttKey;
import dev.confab.tui.ptt.PushToTalk;
import dev.confab.tui.settings.TuiSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code confab [confab://HOST[:PORT][/ROOM]]}: the terminal UI. With an address it connects and
 * joins the room; without one it lists the bookmarks ({@code /connect N} opens one). It logs in with the token that
 * {@code confab-cli login} stored for the server, or {@code CONFAB_TOKEN}; otherwise
 * {@code /login NAME} or {@code /register NAME} on its command line.
 */
public final class ConfabTui {

    static final String USAGE = "usage: confab [confab://HOST[:PORT][/ROOM]]";

    private ConfabTui() {
    }

    public static void main(String[] args) {
        if (args.length > 1 || args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            System.out.println("Keys: F5 talk (hold), F3 voice diagnostics, PgUp/PgDn scroll, Ctrl-N/Ctrl-P next/previous"
                    + " conversation, Tab completes, /help lists the commands, Ctrl-C or /quit leaves.");
            System.exit(args.length > 1 ? 2 : 0);
        }
        Target target;
        try {
            target = args.length == 1 ? Target.parse(args[0]) : null;
        } catch (IllegalArgumentException e) {
            System.err.println("confab: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            run(target);
        } catch (IOException e) {
            System.err.println("confab: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /** Where to connect: a server and perhaps a room. */
    record Target(ServerAddress server, String room) {
        static Target parse(String text) {
            String rest = text.startsWith("confab://") ? text.substring("confab://".length()) : text;
            int slash = rest.indexOf('/');
            String room = slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
            String host = slash < 0 ? rest : rest.substring(0, slash);
            return new Target(ServerAddress.parse(host), room == null ? null
                    : java.net.URLDecoder.decode(room, StandardCharsets.UTF_8));
        }
    }

    /** A fingerprint to trust up front, as confab-cli's {@code CONFAB_TRUST}: no question on first contact. */
    static final String TRUST_VARIABLE = "CONFAB_TRUST";

    /** Where native libraries' and the JVM's stderr go while the screen is up. */
    static final String STDERR_LOG = "confab-tui-stderr.log";

    private static void run(Target requested) throws IOException {
        try (NativeStderr stderr = NativeStderr.redirectTo(ConfabDirs.stateDir().resolve(STDERR_LOG))) {
            runWithScreen(requested);
        }
    }

    private static void runWithScreen(Target requested) throws IOException {
        Path config = ConfabDirs.configDir();
        Path settingsFile = config.resolve(TuiSettings.FILE_NAME);
        TuiSettings settings = TuiSettings.load(settingsFile);
        Target target = requested;
        ClientBackend backend = new ClientBackend(options(settings));
        PushToTalk ptt = new PushToTalk(pttSettings(settings), talking -> backend.submit(new ClientCommand.Talk(talking)));
        Terminal terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
        if (terminal instanceof StreamBasedTerminal stream) {
            stream.getInputDecoder().addProfile(() -> List.of(new KittyKeyPattern()));
        }
        Screen screen = new TerminalScreen(terminal);
        PttControlServer control = null;
        try {
            screen.startScreen();
            if (terminal instanceof ExtendedTerminal extended) {
                extended.setMouseCaptureMode(MouseCaptureMode.CLICK_RELEASE);
            }
            writeRaw(KittyKeyboard.ENABLE + KittyKeyboard.QUERY);
            Commands commands = new Commands(backend, ptt, config, settingsFile, settings);
            InputLine input = new InputLine();
            TuiApp app = new TuiApp(screen, backend, ptt, input, commands::run);
            commands.attach(app, input);
            try {
                control = PttControlServer.start(ptt);
            } catch (PttControlException e) {
                backend.submit(new ClientCommand.Show("push-to-talk control socket off: " + e.getMessage(), false));
            }
            if (target != null) {
                commands.connect(target.server(), target.room());
            } else {
                commands.hello();
            }
            app.run();
            commands.rememberWhereIAm(app.state());
        } finally {
            if (control != null) {
                control.close();
            }
            backend.close();
            try {
                writeRaw(KittyKeyboard.RESTORE);
                if (terminal instanceof ExtendedTerminal extended) {
                    extended.setMouseCaptureMode(null);
                }
            } catch (IOException | RuntimeException ignored) {
                // the terminal is going away anyway
            }
            screen.stopScreen();
        }
    }

    /**
     * Writes an escape sequence as it is (Lanterna's own output would print the escape character
     * visibly). The terminal writes to the same stream, from this thread only.
     */
    private static void writeRaw(String sequence) {
        System.out.print(sequence);
        System.out.flush();
    }

    static BackendOptions options(TuiSettings settings) {
        VoiceEngine.Devices devices;
        try {
            var backend = AudioBackends.byName(settings.backend());
            devices = new VoiceEngine.Devices(backend, settings.input(), backend, settings.output());
        } catch (AudioDeviceException e) {
            devices = new VoiceEngine.Devices(AudioBackends.defaultBackend(), null, AudioBackends.defaultBackend(), null);
        }
        TransmitMode mode = switch (settings.transmit().toLowerCase(Locale.ROOT)) {
            case "vad" -> TransmitMode.VOICE_ACTIVATED;
            case "continuous" -> TransmitMode.CONTINUOUS;
            default -> TransmitMode.PUSH_TO_TALK;
        };
        return new BackendOptions("confab-tui/0.1", devices, CaptureOptions.DEFAULT.withMode(mode),
                settings.lowLatency() ? JitterOptions.LOW_LATENCY : JitterOptions.DEFAULT, settings.volumes());
    }

    static PushToTalk.Settings pttSettings(TuiSettings settings) {
        PttKey key;
        try {
            key = PttKey.parse(settings.pttKey());
        } catch (IllegalArgumentException e) {
            key = PttKey.DEFAULT;
        }
        PushToTalk.Mode mode = settings.transmit().equalsIgnoreCase("toggle") ? PushToTalk.Mode.TOGGLE
                : PushToTalk.Mode.HOLD;
        return new PushToTalk.Settings(mode, key, Duration.ofMillis(settings.holdInitialGapMs()),
                Duration.ofMillis(settings.holdRepeatGapMs()), Duration.ofSeconds(settings.toggleAutoStopSeconds()));
    }

    /** The token to log in to {@code server} with: CONFAB_TOKEN, else what confab-cli login stored. */
    static Optional<String> storedToken(Path config, ServerAddress server) throws IOException {
        String env = System.getenv("CONFAB_TOKEN");
        if (env != null && !env.isBlank()) {
            return Optional.of(env.strip());
        }
        return new StoredLogins(config.resolve(StoredLogins.FILE_NAME)).lookup(server).map(StoredLogins.StoredLogin::secret);
    }

    /** The known_servers file confab-cli pins servers in, in {@code config}. */
    static KnownServers knownServers(Path config) {
        return new KnownServers(config.resolve("known_servers"));
    }
}
