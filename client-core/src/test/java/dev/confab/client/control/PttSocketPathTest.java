package dev.confab.client.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PttSocketPathTest {

    @Test
    void usesTheRuntimeFolderWhenSet() {
        assertThat(PttSocketPath.resolve(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "ann"))
                .isEqualTo(Path.of("/run/user/1000/confab/ptt.sock"));
    }

    @Test
    void fallsBackToAPerUserFolderInTmp() {
        assertThat(PttSocketPath.resolve(Map.of(), "ann")).isEqualTo(Path.of("/tmp/confab-ann/ptt.sock"));
    }

    @Test
    void ignoresARelativeOrEmptyRuntimeFolderAsTheSpecSays() {
        assertThat(PttSocketPath.resolve(Map.of("XDG_RUNTIME_DIR", "run"), "ann")).isEqualTo(Path.of("/tmp/confab-ann/ptt.sock"));
        assertThat(PttSocketPath.resolve(Map.of("XDG_RUNTIME_DIR", " "), "ann")).isEqualTo(Path.of("/tmp/confab-ann/ptt.sock"));
    }

    @Test
    void aStrangeUserNameCannotLeaveTmp() {
        assertThat(PttSocketPath.resolve(Map.of(), "../../etc/x")).isEqualTo(Path.of("/tmp/confab-.._.._etc_x/ptt.sock"));
        assertThat(PttSocketPath.resolve(Map.of(), null)).isEqualTo(Path.of("/tmp/confab-unknown/ptt.sock"));
    }
}
