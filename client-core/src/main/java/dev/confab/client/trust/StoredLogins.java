package dev.confab.client.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API tokens {@code confab-cli login} made, one per server, in
 * {@code CONFIG/confab-cli.credentials} (mode 600): one {@code host:port name token-id secret}
 * line each. The token id is kept so that {@code logout} can revoke exactly that token. The
 * terminal UI logs in with the same tokens, so one {@code confab-cli login} serves both.
 */
public final class StoredLogins {

    public static final String FILE_NAME = "confab-cli.credentials";
    private static final String HEADER = "# confab-cli logins: host:port account token-id secret. Keep this file private.";

    /** One stored login. {@code toString} hides the secret, so it never lands in a log by accident. */
    public record StoredLogin(ServerAddress server, String name, long tokenId, String secret) {
        @Override
        public String toString() {
            return "StoredLogin[" + server + ", " + name + ", token " + tokenId + "]";
        }
    }

    private final Path file;

    public StoredLogins(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Optional<StoredLogin> lookup(ServerAddress server) throws IOException {
        for (String line : PrivateFiles.readLines(file)) {
            StoredLogin login = parse(line);
            if (login != null && login.server().equals(server)) {
                return Optional.of(login);
            }
        }
        return Optional.empty();
    }

    /** Stores {@code login}, replacing any login for the same server. */
    public void store(StoredLogin login) throws IOException {
        List<String> lines = linesWithout(login.server());
        lines.add(login.server() + " " + login.name() + " " + login.tokenId() + " " + login.secret());
        PrivateFiles.replace(file, lines);
    }

    /** Forgets the login for {@code server}; false when there was none. */
    public boolean remove(ServerAddress server) throws IOException {
        if (lookup(server).isEmpty()) {
            return false;
        }
        PrivateFiles.replace(file, linesWithout(server));
        return true;
    }

    private List<String> linesWithout(ServerAddress server) throws IOException {
        List<String> kept = new ArrayList<>();
        List<String> lines = PrivateFiles.readLines(file);
        if (lines.isEmpty()) {
            kept.add(HEADER);
        }
        for (String line : lines) {
            StoredLogin login = parse(line);
            if (login == null || !login.server().equals(server)) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The login on {@code line}, or null for comments, blank lines and lines this version cannot read. */
    private static StoredLogin parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 4) {
            return null;
        }
        try {
            return new StoredLogin(ServerAddress.parse(fields[0]), fields[1], Long.parseLong(fields[2]), fields[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
