package dev.confab.client.trust;

import dev.confab.client.ChatException;
import java.nio.file.Path;
import java.util.Optional;

/** The server presented a certificate other than the one pinned for it: possibly an attack. */
public final class FingerprintMismatchException extends ChatException {

    private final ServerAddress server;
    private final String presented;
    private final String pinned;
    private final Path knownServersFile;

    /** @param knownServersFile where {@code pinned} came from, or null when it was given explicitly */
    public FingerprintMismatchException(ServerAddress server, String presented, String pinned, Path knownServersFile) {
        super(describe(server, presented, pinned, knownServersFile));
        this.server = server;
        this.presented = presented;
        this.pinned = pinned;
        this.knownServersFile = knownServersFile;
    }

    private static String describe(ServerAddress server, String presented, String pinned, Path file) {
        if (file != null) {
            return "server " + server + " presented " + presented + " but " + pinned + " is pinned in " + file
                    + "; if the server's certificate really changed, remove its line from that file";
        }
        return "server " + server + " presented " + presented + " but " + pinned + " was pinned for this connection;"
                + " compare with the fingerprint the server prints at start, and if its certificate really changed,"
                + " pin the new one";
    }

    public ServerAddress server() {
        return server;
    }

    public String presented() {
        return presented;
    }

    public String pinned() {
        return pinned;
    }

    /** The known_servers file the pinned fingerprint was read from, when it came from one. */
    public Optional<Path> knownServersFile() {
        return Optional.ofNullable(knownServersFile);
    }
}
