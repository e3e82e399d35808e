package dev.confab.client.control;

import java.nio.file.Path;
import java.util.Map;

/** Where the TUI's push-to-talk control socket lives, so that the TUI and {@code confab-cli} agree without configuration. */
public final class PttSocketPath {

    static final String FILE_NAME = "ptt.sock";

    private PttSocketPath() {
    }

    /** The socket for this process's environment and user. */
    public static Path resolve() {
        return resolve(System.getenv(), System.getProperty("user.name"));
    }

    /**
     * {@code $XDG_RUNTIME_DIR/confab/ptt.sock} (a per-user folder that the system removes at
     * logout, the XDG place for sockets; ignored when relative, as the spec says), else
     * {@code /tmp/confab-<user>/ptt.sock}. Characters other than letters, digits, {@code . _ -}
     * in the user name become {@code _} so the name cannot leave {@code /tmp}.
     */
    public static Path resolve(Map<String, String> environment, String user) {
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
            return Path.of(runtime, "confab", FILE_NAME);
        }
        String safeUser = user == null || user.isBlank() ? "unknown" : user.replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of("/tmp", "confab-" + safeUser, FILE_NAME);
    }
}
