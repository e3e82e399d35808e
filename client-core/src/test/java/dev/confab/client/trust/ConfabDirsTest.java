package dev.confab.client.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfabDirsTest {

    @Test
    void usesXdgConfigHomeWhenSet() {
        assertThat(ConfabDirs.configDir(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/home/ann")))
                .isEqualTo(Path.of("/xdg/confab"));
    }

    @Test
    void fallsBackToDotConfigInHome() {
        assertThat(ConfabDirs.configDir(Map.of("HOME", "/home/ann"))).isEqualTo(Path.of("/home/ann/.config/confab"));
    }

    @Test
    void ignoresARelativeOrEmptyXdgConfigHomeAsTheSpecSays() {
        assertThat(ConfabDirs.configDir(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/ann")))
                .isEqualTo(Path.of("/home/ann/.config/confab"));
        assertThat(ConfabDirs.configDir(Map.of("XDG_CONFIG_HOME", "", "HOME", "/home/ann")))
                .isEqualTo(Path.of("/home/ann/.config/confab"));
    }

    @Test
    void withoutHomeUsesTheJvmsIdeaOfIt() {
        assertThat(ConfabDirs.configDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "confab"));
    }

    @Test
    void stateFollowsXdgStateHomeOrDotLocalState() {
        assertThat(ConfabDirs.stateDir(Map.of("XDG_STATE_HOME", "/state", "HOME", "/home/ann")))
                .isEqualTo(Path.of("/state/confab"));
        assertThat(ConfabDirs.stateDir(Map.of("XDG_STATE_HOME", "relative", "HOME", "/home/ann")))
                .isEqualTo(Path.of("/home/ann/.local/state/confab"));
    }
}
