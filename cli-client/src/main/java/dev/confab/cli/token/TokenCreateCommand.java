package dev.confab.cli.token;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Creates an API token and prints its secret: the only time the secret is shown.",
                "Give it to a script as CONFAB_TOKEN; it logs in as you."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli token create --label ci > ci-token && chmod 600 ci-token",
                "  CONFAB_TOKEN=$(cat ci-token) confab-cli send --room ci 'build 42 passed'"})
public final class TokenCreateCommand implements Callable<Integer> {

    record CreatedToken(long id, String label, long created, String secret) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--label", description = "What the token is for, up to 64 characters (default: token).")
    String label;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            Reply.TokenCreated created = link.call(id -> new Request.CreateToken(id, label), Reply.TokenCreated.class);
            cli.output().result(new CreatedToken(created.token().id(), created.token().label(), created.token().created(),
                    created.secret()), created.secret());
        }
        return 0;
    }
}
