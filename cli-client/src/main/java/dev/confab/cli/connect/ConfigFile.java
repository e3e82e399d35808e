package dev.confab.cli.connect;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code CONFIG/confab-cli.conf}: settings that would otherwise be typed every time, as
 * {@code key = value} lines ({@code #} starts a comment). The only key so far is {@code server}.
 * An unknown key is an error rather than ignored, so a typo does not silently do nothing.
 */
public final class ConfigFile {

    public static final String FILE_NAME = "confab-cli.conf";
    private static final String SERVER = "server";

    private final Path file;

    public ConfigFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The {@code server} setting, if the file has one. */
    public Optional<String> server() throws CliException {
        List<String> lines = read();
        String server = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0 || !SERVER.equals(keyOf(line))) {
                throw CliException.usage(file + " line " + (i + 1) + ": expected 'server = HOST[:PORT]', not '" + line + "'");
            }
            server = line.substring(equals + 1).strip();
        }
        return Optional.ofNullable(server);
    }

    /** Writes {@code server} as the default, keeping the file's other lines. */
    public void setServer(ServerAddress server) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : PrivateFiles.readLines(file)) {
            if (!SERVER.equals(keyOf(line))) {
                kept.add(line);
            }
        }
        if (kept.isEmpty()) {
            kept.add("# confab-cli settings (see docs/CLI.md)");
        }
        kept.add(SERVER + " = " + server);
        PrivateFiles.replace(file, kept);
    }

    /** The key of a {@code key = value} line, or null for anything else. */
    private static String keyOf(String line) {
        int equals = line.indexOf('=');
        return equals < 0 ? null : line.substring(0, equals).strip();
    }

    private List<String> read() throws CliException {
        try {
            return PrivateFiles.readLines(file);
        } catch (IOException e) {
            throw new CliException(Exit.USAGE, "io", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
