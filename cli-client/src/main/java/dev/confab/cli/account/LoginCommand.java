package dev.confab.cli.account;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.Login;
import dev.confab.cli.connect.ServerLink;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Logs in with a password and stores an API token for this server in confab-cli.credentials "
                + "(mode 600), which later commands use. The password is never stored.",
                "With --server (or CONFAB_SERVER) and no server configured yet, the server becomes the default."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli --server chat.example.org login alice",
                "  printf '%%s\\n' \"$PASSWORD\" | confab-cli login alice --password-stdin"})
public final class LoginCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Account name.")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin instead of a prompt.")
    boolean passwordStdin;

    @Option(names = "--label", description = "Label of the stored token (default: confab-cli@HOSTNAME).")
    String label;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        cli.target();
        String password = cli.readSecret("password", passwordStdin, false);
        ServerLink link = cli.connect(new Login.Password(name, password));
        try {
            StoredLoginMaker.storeTokenFor(cli, link, label);
        } finally {
            link.close();
        }
        return 0;
    }
}
