package dev.confab.client.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownServersTest {

    private static final String ALPHA = Fingerprints.of("alpha".getBytes(StandardCharsets.UTF_8));
    private static final String BETA = Fingerprints.of("beta".getBytes(StandardCharsets.UTF_8));
    private static final ServerAddress HOME = new ServerAddress("home.example.org", 7700);
    private static final ServerAddress WORK = new ServerAddress("::1", 7701);

    @TempDir
    Path folder;

    @Test
    void aMissingFileKnowsNoServer() {
        assertThat(new KnownServers(folder.resolve("absent")).lookup(HOME)).isEmpty();
    }

    @Test
    void remembersInANewOwnerOnlyFileInNewFolders() throws Exception {
        Path file = folder.resolve("a/b/known_servers");
        KnownServers known = new KnownServers(file);

        known.remember(HOME, ALPHA);
        known.remember(WORK, BETA);

        assertThat(known.lookup(HOME)).contains(ALPHA);
        assertThat(known.lookup(WORK)).contains(BETA);
        assertThat(Files.readAllLines(file)).containsExactly(
                "home.example.org:7700 " + ALPHA,
                "[::1]:7701 " + BETA);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void rememberingAgainReplacesTheLineAndKeepsCommentsAndOthers() throws Exception {
        Path file = folder.resolve("known_servers");
        Files.write(file, List.of(
                "# servers I trust",
                "",
                "home.example.org:7700 " + ALPHA,
                "[::1]:7701 " + ALPHA));
        KnownServers known = new KnownServers(file);

        known.remember(HOME, BETA);

        assertThat(Files.readAllLines(file)).containsExactly(
                "# servers I trust",
                "",
                "[::1]:7701 " + ALPHA,
                "home.example.org:7700 " + BETA);
    }

    @Test
    void rememberingWhatIsAlreadyThereLeavesTheFileAlone() throws Exception {
        Path file = folder.resolve("known_servers");
        String content = "home.example.org:7700   " + ALPHA + "   # added by hand\n";
        Files.writeString(file, content);

        new KnownServers(file).remember(HOME, ALPHA);

        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void rememberingCollapsesDuplicateLinesIntoOne() throws Exception {
        Path file = folder.resolve("known_servers");
        Files.write(file, List.of("home.example.org:7700 " + BETA, "home.example.org:7700 " + ALPHA));

        new KnownServers(file).remember(HOME, ALPHA);

        assertThat(Files.readAllLines(file)).containsExactly("home.example.org:7700 " + ALPHA);
    }

    @Test
    void ignoresCommentsBlankLinesAndJunk() throws Exception {
        Path file = folder.resolve("known_servers");
        Files.write(file, List.of(
                "# home.example.org:7700 " + BETA,
                "   ",
                "home.example.org:7700",
                "  home.example.org:7700   " + ALPHA + "  "));

        assertThat(new KnownServers(file).lookup(HOME)).contains(ALPHA);
    }

    @Test
    void refusesToRememberSomethingThatIsNoFingerprint() {
        KnownServers known = new KnownServers(folder.resolve("known_servers"));

        assertThatThrownBy(() -> known.remember(HOME, "SHA256:nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a fingerprint");
    }
}
