package dev.confab.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * The secret chat and voice nodes share, from a file so that it is never on a command line.
 * Like ssh with its keys, a file others may read is refused.
 */
final class LinkSecret {
    static final int MIN_BYTES = 32;

    private LinkSecret() {
    }

    /** The file's bytes without trailing whitespace (so {@code base64 > FILE} works). */
    static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no link secret file at " + file);
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IOException("the link secret file " + file + " is readable by others: chmod 600 it");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        if (end < MIN_BYTES) {
            throw new IOException("the link secret in " + file + " is " + end + " bytes; it needs at least " + MIN_BYTES
                    + " (e.g. head -c 32 /dev/urandom | base64 > " + file + ")");
        }
        return Arrays.copyOf(bytes, end);
    }
}
