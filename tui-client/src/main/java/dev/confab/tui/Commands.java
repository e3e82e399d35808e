package dev.confab.tui;

import dev.confab.client.app.ClientBackend;
import dev.confab.client.app.ClientCommand;
import dev.confab.client.app.ClientState;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.trust.ServerAddress;
import dev.confab.tui.input.SlashCommands;
import dev.confab.tui.ptt.PushToTalk;
import dev.confab.tui.settings.TuiSettings;
import dev.confab.client.trust.FingerprintProbe;
import dev.confab.client.trust.KnownServers;
import dev.confab.client.trust.TrustPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the UI does with an entered line: backend commands go to the backend; connecting, logging
 * in (the password is the next line, not echoed), help and quitting are handled here, and the
 * settings file follows what is chosen (bookmarks, volumes).
 */
final class Commands {

    /** A login waiting for its password. */
    private record PendingLogin(ServerAddress server, TrustPolicy trust, String room, String name, boolean register) {
    }

    /** A server met for the first time, waiting for {@code /trust}. */
    private record PendingTrust(ServerAddress server, String room, String fingerprint) {
    }

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** {@code /connect 2}: a bookmark's number, as {@link #hello()} lists them. */
    private static final Pattern BOOKMARK_NUMBER = Pattern.compile("\\d{1,3}");

    private final ClientBackend backend;
    private final PushToTalk ptt;
    private final Path config;
    private final Path settingsFile;
    private TuiSettings settings;
    private TuiApp app;
    private InputLine input;
    private ServerAddress server;
    private String room;
    private PendingLogin pending;
    /** How the current server is trusted; null until it is. */
    private TrustPolicy trust;
    /** Set by the probe's thread, read on the UI thread. */
    private volatile PendingTrust pendingTrust;

    Commands(ClientBackend backend, PushToTalk ptt, Path config, Path settingsFile, TuiSettings settings) {
        this.backend = backend;
        this.ptt = ptt;
        this.config = config;
        this.settingsFile = settingsFile;
        this.settings = settings;
    }

    void attach(TuiApp app, InputLine input) {
        this.app = app;
        this.input = input;
    }

    /** What is shown when confab starts with no server: the bookmarks, most recent first, or how to connect. */
    void hello() {
        List<TuiSettings.Bookmark> bookmarks = settings.bookmarks();
        if (bookmarks.isEmpty()) {
            show("not connected: /connect HOST[:PORT] (then /login NAME or /register NAME if confab-cli login was not run)",
                    false);
            return;
        }
        show("bookmarks (/connect N, or /connect HOST[:PORT][/ROOM] for another server):", false);
        for (int i = 0; i < bookmarks.size(); i++) {
            TuiSettings.Bookmark b = bookmarks.get(i);
            show(String.format(Locale.ROOT, "%3d  %s%s%s", i + 1, b.server(), b.room() == null ? "" : "/" + b.room(),
                    b.name() == null ? "" : " as " + b.name()), false);
        }
    }

    /** Keeps the account and the room this session ended in, for the bookmark. */
    void rememberWhereIAm(ClientState state) {
        if (server != null && state.me() != null && state.room() != null) {
            room = state.room().name();
            remember(state.me().name());
        }
    }

    /**
     * Connects to {@code target} once its certificate is trusted: pinned by {@code CONFAB_TRUST},
     * or remembered in known_servers (as {@code confab-cli login} leaves it), or else shown to the
     * person, who accepts it with {@code /trust}, as ssh asks about a new host. Then logs in with
     * the stored token, or asks for a login.
     */
    void connect(ServerAddress target, String targetRoom) {
        server = target;
        room = targetRoom;
        trust = null;
        pendingTrust = null;
        KnownServers known = ConfabTui.knownServers(config);
        String pin = System.getenv(ConfabTui.TRUST_VARIABLE);
        if (pin != null && !pin.isBlank()) {
            try {
                trust = TrustPolicy.pinned(pin.strip(), known);
            } catch (IllegalArgumentException e) {
                show(ConfabTui.TRUST_VARIABLE + ": " + e.getMessage(), true);
                return;
            }
        } else if (known.lookup(target).isPresent()) {
            trust = TrustPolicy.trustOnFirstUse(known);
        } else {
            show("first contact with " + target + ": reading its certificate...", false);
            CompletableFuture.supplyAsync(() -> probe(target)).thenAccept(fingerprint -> {
                if (fingerprint != null && target.equals(server)) {
                    pendingTrust = new PendingTrust(target, targetRoom, fingerprint);
                    show("its fingerprint is " + fingerprint, false);
                    show("if the server's admin sees the same (confab-server prints it at start), /trust to connect",
                            false);
                }
            });
            return;
        }
        logIn(targetRoom);
    }

    private void connectToBookmark(int number) {
        List<TuiSettings.Bookmark> bookmarks = settings.bookmarks();
        if (number < 1 || number > bookmarks.size()) {
            show(bookmarks.isEmpty() ? "there are no bookmarks yet: /connect HOST[:PORT][/ROOM]"
                    : "there is no bookmark " + number + " (1 to " + bookmarks.size() + ")", true);
            return;
        }
        TuiSettings.Bookmark b = bookmarks.get(number - 1);
        try {
            connect(ServerAddress.parse(b.server()), b.room());
        } catch (IllegalArgumentException e) {
            show("bookmark " + number + ": " + e.getMessage(), true);
        }
    }

    private String probe(ServerAddress target) {
        try {
            return FingerprintProbe.fetch(target, PROBE_TIMEOUT);
        } catch (IOException e) {
            show("cannot reach " + target + ": " + e.getMessage(), true);
            return null;
        }
    }

    private void trustPending() {
        PendingTrust p = pendingTrust;
        if (p == null || !p.server().equals(server)) {
            show("no server is waiting to be trusted (/connect HOST first)", true);
            return;
        }
        pendingTrust = null;
        KnownServers known = ConfabTui.knownServers(config);
        try {
            known.remember(p.server(), p.fingerprint());
        } catch (UncheckedIOException e) {
            show("cannot remember the fingerprint in " + known.file() + ": " + e.getMessage(), true);
        }
        trust = TrustPolicy.pinned(p.fingerprint(), known);
        logIn(p.room());
    }

    /** Logs in to the trusted server with the stored token, or asks for a login. */
    private void logIn(String targetRoom) {
        Optional<String> token;
        try {
            token = ConfabTui.storedToken(config, server);
        } catch (IOException e) {
            show("cannot read the stored logins: " + e.getMessage(), true);
            token = Optional.empty();
        }
        if (token.isPresent()) {
            backend.submit(new ClientCommand.Connect(server, trust, new ClientCommand.Login.Token(token.get()), targetRoom));
            remember(null);
        } else {
            show("no stored login for " + server + ": /login NAME or /register NAME", false);
        }
    }

    void run(String line) {
        if (pending != null) {
            PendingLogin p = pending;
            pending = null;
            ClientCommand.Login login = p.register() ? new ClientCommand.Login.Register(p.name(), line)
                    : new ClientCommand.Login.Password(p.name(), line);
            backend.submit(new ClientCommand.Connect(p.server(), p.trust(), login, p.room()));
            remember(p.name());
            return;
        }
        SlashCommands.Parsed parsed = SlashCommands.parse(line, app.state());
        if (parsed instanceof SlashCommands.Submit submit) {
            saveSettingsFor(submit.command());
            backend.submit(submit.command());
        } else if (parsed instanceof SlashCommands.Usage usage) {
            show(usage.message(), true);
        } else if (parsed instanceof SlashCommands.Local local) {
            local(local);
        }
    }

    private void local(SlashCommands.Local local) {
        switch (local.action()) {
            case CONNECT -> {
                String argument = local.argument();
                if (BOOKMARK_NUMBER.matcher(argument).matches()) {
                    connectToBookmark(Integer.parseInt(argument));
                    return;
                }
                try {
                    ConfabTui.Target target = ConfabTui.Target.parse(argument);
                    connect(target.server(), target.room());
                } catch (IllegalArgumentException e) {
                    show(e.getMessage(), true);
                }
            }
            case TRUST -> trustPending();
            case LOGIN, REGISTER -> {
                if (server == null) {
                    show("/connect HOST first", true);
                    return;
                }
                if (trust == null) {
                    show("the server's fingerprint is not trusted yet: /trust first", true);
                    return;
                }
                pending = new PendingLogin(server, trust, room, local.argument(),
                        local.action() == SlashCommands.LocalAction.REGISTER);
                input.askSecret();
            }
            case PTT_HOLD, PTT_TOGGLE -> {
                boolean hold = local.action() == SlashCommands.LocalAction.PTT_HOLD;
                ptt.setMode(hold ? PushToTalk.Mode.HOLD : PushToTalk.Mode.TOGGLE);
                save(settings.withTransmit(hold ? "hold" : "toggle"));
                backend.submit(new ClientCommand.Mode(TransmitMode.PUSH_TO_TALK));
                show("push-to-talk: " + (hold ? "hold " : "press to start and stop, ") + ptt.settings().key(), false);
            }
            case HELP -> SlashCommands.help(local.argument()).forEach(text -> show(text, false));
            case QUIT -> app.quit();
            case NOTHING -> {
            }
        }
    }

    /** Keeps what the settings file holds: volumes, devices, the transmit mode. */
    private void saveSettingsFor(ClientCommand command) {
        if (command instanceof ClientCommand.Volume v) {
            save(settings.withVolume(v.person(), v.percent()));
        } else if (command instanceof ClientCommand.Input in) {
            save(devices(in.backend(), in.device(), true));
        } else if (command instanceof ClientCommand.Output out) {
            save(devices(out.backend(), out.device(), false));
        } else if (command instanceof ClientCommand.Mode m && m.mode() == TransmitMode.VOICE_ACTIVATED) {
            save(settings.withTransmit("vad"));
        } else if (command instanceof ClientCommand.Mode m && m.mode() == TransmitMode.CONTINUOUS) {
            save(settings.withTransmit("continuous"));
        }
    }

    /**
     * The settings with one direction's device changed. The file holds one backend for both, so
     * a device on another backend moves the other direction to that backend's default device.
     */
    private TuiSettings devices(String backendName, String device, boolean input) {
        String chosen = backendName == null ? settings.backend() : backendName;
        boolean same = chosen.equalsIgnoreCase(settings.backend());
        String in = input ? device : same ? settings.input() : null;
        String out = input ? same ? settings.output() : null : device;
        return settings.withDevices(chosen, in, out);
    }

    private void remember(String name) {
        save(settings.withBookmark(new TuiSettings.Bookmark(server.toString(), name, room)));
    }

    private void save(TuiSettings next) {
        settings = next;
        try {
            next.save(settingsFile);
        } catch (IOException e) {
            show("cannot save the settings in " + settingsFile + ": " + e.getMessage(), true);
        }
    }

    private void show(String text, boolean error) {
        backend.submit(new ClientCommand.Show(text, error));
    }
}
