package dev.confab.cli;

/**
 * A failure to report as one line on stderr, {@code confab-cli: <code>: <message>}, and end the
 * process with {@link #exit()}. {@code code} is the server's error code when the server refused
 * (so scripts and people can look it up in PROTOCOL.md), otherwise one of confab-cli's own
 * words: usage, not_logged_in, network, timeout, fingerprint_mismatch, io.
 */
public final class CliException extends Exception {

    private final Exit exit;
    private final String code;

    public CliException(Exit exit, String code, String message) {
        super(message);
        this.exit = exit;
        this.code = code;
    }

    public CliException(Exit exit, String code, String message, Throwable cause) {
        super(message, cause);
        this.exit = exit;
        this.code = code;
    }

    public static CliException usage(String message) {
        return new CliException(Exit.USAGE, "usage", message);
    }

    /** A command group ({@code token}, {@code room}) run without one of its subcommands. */
    public static CliException missingSubcommand(picocli.CommandLine.Model.CommandSpec group) {
        return usage("'" + group.qualifiedName() + "' needs one of: "
                + String.join(", ", group.subcommands().keySet()) + " (see '" + group.qualifiedName() + " --help')");
    }

    public Exit exit() {
        return exit;
    }

    public String code() {
        return code;
    }

    /** The line printed on stderr. */
    public String line() {
        return "confab-cli: " + code + ": " + getMessage();
    }
}
