package dev.confab.client.trust;

import java.nio.file.Path;
import java.util.Map;

/** Where Confab keeps a person's files, following the XDG base directory specification. */
public final class ConfabDirs {

    private ConfabDirs() {
    }

    /** {@code $XDG_CONFIG_HOME/confab}, else {@code ~/.config/confab}. */
    public static Path configDir() {
        return configDir(System.getenv());
    }

    /**
     * The config folder as seen from {@code environment}. The XDG spec says a relative
     * {@code XDG_CONFIG_HOME} is invalid and must be ignored; the home folder is {@code $HOME},
     * else the JVM's {@code user.home}.
     */
    public static Path configDir(Map<String, String> environment) {
        return xdgDir(environment, "XDG_CONFIG_HOME", ".config");
    }

    /** {@code $XDG_STATE_HOME/confab}, else {@code ~/.local/state/confab}: logs. */
    public static Path stateDir() {
        return stateDir(System.getenv());
    }

    /** The state folder as seen from {@code environment}, by the same rules as {@link #configDir(Map)}. */
    public static Path stateDir(Map<String, String> environment) {
        return xdgDir(environment, "XDG_STATE_HOME", ".local/state");
    }

    private static Path xdgDir(Map<String, String> environment, String variable, String underHome) {
        String xdg = environment.get(variable);
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "confab");
        }
        String home = environment.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, underHome, "confab");
    }
}
