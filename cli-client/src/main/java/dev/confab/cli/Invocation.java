package dev.confab.cli;

import dev.confab.cli.connect.ConfigFile;
import dev.confab.cli.connect.Login;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.connect.ServerTarget;
import dev.confab.client.trust.StoredLogins;
import dev.confab.cli.output.Output;
import dev.confab.client.trust.ConfabDirs;
import dev.confab.client.trust.ServerAddress;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What one run of confab-cli was given (global options, environment, stdin, stdout, stderr), and
 * the ways commands use it: where to connect, with which credentials, where to print.
 */
public final class Invocation {

    public static final String TOKEN_VARIABLE = "CONFAB_TOKEN";

    private final ConfabCli root;
    private final CommandSpec command;
    private final Output output;
    private ServerTarget target;
    private BufferedReader stdin;

    private Invocation(ConfabCli root, CommandSpec command) {
        this.root = root;
        this.command = command;
        this.output = new Output(command.commandLine().getOut(), root.globals.json);
    }

    /** The invocation of the command {@code spec} describes. */
    public static Invocation of(CommandSpec spec) {
        return new Invocation((ConfabCli) spec.root().userObject(), spec);
    }

    public Output output() {
        return output;
    }

    public PrintWriter err() {
        return command.commandLine().getErr();
    }

    public Map<String, String> environment() {
        return root.environment;
    }

    public Path configDir() {
        return ConfabDirs.configDir(root.environment);
    }

    public StoredLogins storedLogins() {
        return new StoredLogins(configDir().resolve(StoredLogins.FILE_NAME));
    }

    public ConfigFile configFile() {
        return new ConfigFile(configDir().resolve(ConfigFile.FILE_NAME));
    }

    /** Where to connect and whom to trust; fails with a usage error when no server is configured. */
    public ServerTarget target() throws CliException {
        if (target == null) {
            target = ServerTarget.resolve(root.globals.server, root.globals.trust, root.environment, configDir());
        }
        return target;
    }

    /** A link logged in with the API token from CONFAB_TOKEN, else the one {@code login} stored. */
    public ServerLink connect() throws CliException {
        return logIn(new ServerLink(target(), false));
    }

    /**
     * Logs {@code link} in with the API token from CONFAB_TOKEN, else the one {@code login}
     * stored for its server; closes it when that fails.
     */
    public ServerLink logIn(ServerLink link) throws CliException {
        try {
            TokenSource token = token(target().server());
            try {
                return link.logIn(new Login.Token(token.secret()));
            } catch (CliException e) {
                throw "bad_credentials".equals(e.code()) ? new CliException(Exit.AUTH, e.code(), token.whenRefused()) : e;
            }
        } catch (CliException e) {
            link.close();
            throw e;
        }
    }

    /** A link logged in some other way (a password, a new account). */
    public ServerLink connect(Login login) throws CliException {
        ServerLink link = new ServerLink(target(), false);
        try {
            return link.logIn(login);
        } catch (CliException e) {
            link.close();
            throw e;
        }
    }

    /** An API token, and what to say when the server refuses it: "wrong name or password" would mislead. */
    private record TokenSource(String secret, String whenRefused) {
    }

    private TokenSource token(ServerAddress server) throws CliException {
        String fromEnvironment = root.environment.get(TOKEN_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new TokenSource(fromEnvironment.strip(), "the token in " + TOKEN_VARIABLE + " was refused by " + server
                    + " (revoked, or for another server?)");
        }
        StoredLogins logins = storedLogins();
        StoredLogins.StoredLogin stored;
        try {
            stored = logins.lookup(server).orElseThrow(() -> new CliException(Exit.AUTH, "not_logged_in",
                    "not logged in to " + server + ": run 'confab-cli login NAME' or set " + TOKEN_VARIABLE));
        } catch (IOException e) {
            throw new CliException(Exit.AUTH, "io", "cannot read " + logins.file() + ": " + e.getMessage(), e);
        }
        return new TokenSource(stored.secret(), "the stored login of " + stored.name() + " was refused by " + server
                + " (token revoked?): run 'confab-cli login " + stored.name() + "' again");
    }

    /** Standard input as UTF-8 text, whatever the locale says: JSON and chat text are UTF-8. */
    public BufferedReader stdin() {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(root.stdin, StandardCharsets.UTF_8));
        }
        return stdin;
    }

    /**
     * A password: the first line of stdin with {@code fromStdin}, else typed at a prompt without
     * echo (twice when {@code confirm}, so a typo does not become the password).
     */
    public String readSecret(String what, boolean fromStdin, boolean confirm) throws CliException {
        if (fromStdin) {
            try {
                String line = stdin().readLine();
                if (line == null || line.isEmpty()) {
                    throw CliException.usage("no " + what + " on stdin");
                }
                return line;
            } catch (IOException e) {
                throw new CliException(Exit.USAGE, "io", "cannot read stdin: " + e.getMessage(), e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw CliException.usage("no terminal to ask for the " + what + " on: pipe it in with --password-stdin");
        }
        char[] first = console.readPassword("%s: ", capitalized(what));
        if (first == null) {
            throw CliException.usage("no " + what + " given");
        }
        if (confirm) {
            char[] second = console.readPassword("%s again: ", capitalized(what));
            if (!Arrays.equals(first, second)) {
                throw CliException.usage("the two " + what + "s differ");
            }
        }
        return new String(first);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
