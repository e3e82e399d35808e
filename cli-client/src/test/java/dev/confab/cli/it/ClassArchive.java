package dev.confab.cli.it;

import dev.confab.protocol.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class-data sharing archive the tests' CLI processes start with, as bin/confab-cli's do:
 * it halves each process's start, and the tests start dozens. Made once per jar, by a send to a
 * server of its own so that no test's server sees it.
 */
final class ClassArchive {

    private static boolean ready;

    private ClassArchive() {
    }

    /** The JVM options that use the archive, made first if the jar is newer than it. */
    static synchronized List<String> use() {
        Path archive = Path.of(System.getProperty("confab.cli.archive", "target/confab-cli-test.jsa"));
        if (!ready) {
            ready = true;
            try {
                if (!Files.exists(archive) || Files.getLastModifiedTime(archive).compareTo(
                        Files.getLastModifiedTime(Cli.jar())) < 0) {
                    make(archive);
                }
            } catch (Exception e) {
                throw new AssertionError("cannot make the class-data archive " + archive, e);
            }
        }
        return Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    private static void make(Path archive) throws Exception {
        Files.deleteIfExists(archive);
        Path scratch = Files.createTempDirectory("confab-cli-archive");
        try (CliServer server = CliServer.start(scratch.resolve("server"))) {
            server.createUser("trainer", Role.MEMBER);
            Cli cli = new Cli(scratch.resolve("home"))
                    .with("CONFAB_SERVER", server.address())
                    .with("CONFAB_TOKEN", server.tokenFor("trainer"));
            cli.runWithJvmOptions(List.of("-XX:ArchiveClassesAtExit=" + archive), "send", "--room", "Lobby", "warm").ok();
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
