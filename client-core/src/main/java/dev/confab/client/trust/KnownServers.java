package dev.confab.client.trust;

import dev.confab.protocol.Fingerprints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers a person has trusted, like ssh's known_hosts: one {@code host:port SHA256:...}
 * line per server. Blank lines and lines starting with {@code #} are kept but ignored.
 *
 * <p>The file is read on every lookup rather than cached, so a fingerprint another process
 * remembered (or a line the person deleted) counts at once. All methods do file I/O: call them
 * from ordinary threads, never from a Netty event loop.
 */
public final class KnownServers {

    private final Path file;

    public KnownServers(Path file) {
        this.file = file;
    }

    /** The known_servers file in the person's {@link ConfabDirs#configDir() config folder}. */
    public static KnownServers atDefaultLocation() {
        return new KnownServers(ConfabDirs.configDir().resolve("known_servers"));
    }

    public Path file() {
        return file;
    }

    /** The fingerprint remembered for {@code server}, if any. */
    public Optional<String> lookup(ServerAddress server) {
        String key = server.toString();
        for (String line : readLines()) {
            String[] fields = fieldsOf(line);
            if (fields != null && fields[0].equals(key)) {
                return Optional.of(fields[1]);
            }
        }
        return Optional.empty();
    }

    /**
     * Remembers {@code fingerprint} for {@code server}, replacing what was remembered before.
     * The file is rewritten through a temporary file and a move, so a crash or a concurrent
     * reader never sees half a file; it is left alone when it already says exactly this (many
     * connections opened at once to a new server all come here).
     */
    public synchronized void remember(ServerAddress server, String fingerprint) {
        if (!Fingerprints.isWellFormed(fingerprint)) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a fingerprint (expected "
                    + Fingerprints.PREFIX + " followed by 43 base64 characters)");
        }
        String key = server.toString();
        List<String> lines = new ArrayList<>();
        int entries = 0;
        boolean allSame = true;
        for (String line : readLines()) {
            String[] fields = fieldsOf(line);
            if (fields == null || !fields[0].equals(key)) {
                lines.add(line);
            } else {
                entries++;
                allSame &= fields[1].equals(fingerprint);
            }
        }
        if (entries == 1 && allSame) {
            return;
        }
        lines.add(key + " " + fingerprint);
        write(lines);
    }

    /** The address and fingerprint of a server line, or null for blank lines, comments and junk. */
    private static String[] fieldsOf(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] fields = trimmed.split("\\s+");
        return fields.length >= 2 ? fields : null;
    }

    private List<String> readLines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(List<String> lines) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            // A new config folder is owner-only: beside this file it holds the CLI's stored tokens.
            if (posix && !Files.isDirectory(folder)) {
                Files.createDirectories(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
            Path temp = Files.createTempFile(folder, ".known_servers", ".tmp");
            try {
                // Owner-only before any content is written: the file says which servers this person uses.
                if (posix) {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.write(temp, lines, StandardCharsets.UTF_8);
                moveIntoPlace(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void moveIntoPlace(Path temp) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
