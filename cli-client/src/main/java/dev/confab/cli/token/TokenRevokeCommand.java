package dev.confab.cli.token;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revokes one of your API tokens by id (see 'token list'). Scripts using it can no longer log in.",
        footerHeading = "%nExample:%n",
        footer = "  confab-cli token revoke 3")
public final class TokenRevokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The token's id.")
    long tokenId;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            link.call(id -> new Request.RevokeToken(id, tokenId), Reply.Ok.class);
        }
        return 0;
    }
}
