package dev.confab.cli.account;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Account;
import dev.confab.protocol.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Shows the account the credentials log in as, and its role.",
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli whoami", "  confab-cli whoami --json | jq -r .role"})
public final class WhoamiCommand implements Callable<Integer> {

    record WhoamiResult(String server, long id, String name, Role role) {
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            Account account = link.account();
            String server = link.session().server().toString();
            cli.output().result(new WhoamiResult(server, account.id(), account.name(), account.role()),
                    account.name() + " (" + account.role().wireName() + ") on " + server);
        }
        return 0;
    }
}
