package dev.confab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * A throwaway home for the programs a TUI run starts: XDG config, state, cache and runtime
 * folders (and {@code HOME}) in a temporary folder, so neither {@code confab} nor
 * {@code confab-cli} reads or writes the user's settings, logins, pins, logs or control socket;
 * the TUI's settings choose the null audio backend (no devices needed). Deleted on close.
 */
final class TuiHome implements AutoCloseable {
    /** The TUI's settings: no sound card; voice still runs (capture paced silence, playback paced and dropped). */
    static final String SETTINGS = "{\"backend\":\"null\"}";

    private final Path folder;
    private final Path runtime;

    private TuiHome(Path folder, Path runtime) {
        this.folder = folder;
        this.runtime = runtime;
    }

    static TuiHome create() throws IOException {
        Path folder = Files.createTempDirectory("confab-bench-tui-");
        // A Unix socket's path must stay short (108 bytes): the runtime folder gets a short name in /tmp.
        Path runtime = Files.createTempDirectory(Path.of("/tmp"), "cbt");
        Files.createDirectories(folder.resolve("tui/config/confab"));
        Files.writeString(folder.resolve("tui/config/confab/confab-tui.json"), SETTINGS);
        for (String who : new String[] {"tui", "cli"}) {
            // Mode 700, as XDG asks of a runtime folder (the TUI's push-to-talk socket lives there).
            Files.createDirectory(runtime.resolve(who),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return new TuiHome(folder, runtime);
    }

    /**
     * The environment for {@code who}, {@code tui} or {@code cli}: the server, its
     * pinned fingerprint and the token, plus PATH and the locale; nothing else of this process's
     * environment (no CONFAB_* of the user, no TMUX).
     */
    Map<String, String> environment(String who, String server, String fingerprint, String token) {
        Map<String, String> env = new HashMap<>();
        for (String kept : new String[] {"PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ"}) {
            String value = System.getenv(kept);
            if (value != null) {
                env.put(kept, value);
            }
        }
        Path home = folder.resolve(who);
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", runtime.resolve(who).toString());
        env.put("CONFAB_SERVER", server);
        env.put("CONFAB_TRUST", fingerprint);
        env.put("CONFAB_TOKEN", token);
        return env;
    }

    /** The benchmark's speech fixture written out as a WAV file, for {@code confab-cli bots --wav}. */
    Path speechWav() throws IOException {
        Path wav = folder.resolve("speech-48k-mono.wav");
        try (InputStream in = SpeechFixture.class.getResourceAsStream(SpeechFixture.RESOURCE)) {
            if (in == null) {
                throw new IOException(SpeechFixture.RESOURCE + " is missing from the benchmark jar");
            }
            Files.copy(in, wav);
        }
        return wav;
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() {
        ChildProcesses.deleteQuietly(folder);
        ChildProcesses.deleteQuietly(runtime);
    }

}
