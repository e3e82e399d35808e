package dev.confab.cli.people;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.RoleConverter;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "role", mixinStandardHelpOptions = true,
        description = "Gives an account another role (admins only). It takes effect at once.",
        footerHeading = "%nExample:%n",
        footer = "  confab-cli role carol moderator")
public final class RoleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "Account name (any case).")
    String user;

    @Parameters(index = "1", paramLabel = "ROLE", converter = RoleConverter.class,
            completionCandidates = RoleConverter.Names.class, description = "${COMPLETION-CANDIDATES}")
    Role role;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            link.call(id -> new Request.SetRole(id, user, role), Reply.Ok.class);
        }
        return 0;
    }
}
