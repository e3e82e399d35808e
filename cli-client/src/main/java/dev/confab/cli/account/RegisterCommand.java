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

@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Creates an account (role member), then stores a login for it like 'login' does.",
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli --server chat.example.org register alice",
                "  printf '%%s\\n' \"$PASSWORD\" | confab-cli register ci-bot --password-stdin"})
public final class RegisterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Account name: 1 to 32 letters, digits, '_', '.' or '-'.")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin instead of a prompt.")
    boolean passwordStdin;

    @Option(names = "--label", description = "Label of the stored token (default: confab-cli@HOSTNAME).")
    String label;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        cli.target();
        String password = cli.readSecret("password", passwordStdin, true);
        ServerLink link = cli.connect(new Login.Register(name, password));
        try {
            StoredLoginMaker.storeTokenFor(cli, link, label);
        } finally {
            link.close();
        }
        return 0;
    }
}
