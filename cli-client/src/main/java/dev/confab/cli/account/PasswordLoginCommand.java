package dev.confab.cli.account;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.Login;
import dev.confab.cli.connect.ServerLink;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code login} and {@code register} share: read a password (prompt or stdin), get a session
 * with it, and store an API token for the later commands. They differ only in the request.
 */
abstract class PasswordLoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin instead of a prompt.")
    boolean passwordStdin;

    @Option(names = "--label", description = "Label of the stored token (default: confab-cli@HOSTNAME).")
    String label;

    /** A new password is asked for twice at a prompt; an existing one once. */
    abstract boolean newPassword();

    abstract Login credentials(String password);

    @Override
    public final Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        cli.target();
        String password = cli.readSecret("password", passwordStdin, newPassword());
        ServerLink link = cli.connect(credentials(password));
        try {
            StoredLoginMaker.storeTokenFor(cli, link, label);
        } finally {
            link.close();
        }
        return 0;
    }
}
