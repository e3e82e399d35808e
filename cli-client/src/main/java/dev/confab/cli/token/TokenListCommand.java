package dev.confab.cli.token;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.TokenInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists your API tokens (never their secrets).",
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli token list", "  confab-cli token list --json | jq -r 'select(.label == \"ci\") | .id'"})
public final class TokenListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        Output out = cli.output();
        try (ServerLink link = cli.connect()) {
            Reply.Tokens tokens = link.call(Request.ListTokens::new, Reply.Tokens.class);
            if (!out.json() && !tokens.tokens().isEmpty()) {
                out.line(String.format("%-6s %-19s  %-19s  %s", "ID", "CREATED", "LAST USED", "LABEL"));
            }
            for (TokenInfo token : tokens.tokens()) {
                out.result(token, String.format("%-6d %-19s  %-19s  %s", token.id(), Output.localTime(token.created()),
                        token.lastUsed() == null ? "never" : Output.localTime(token.lastUsed()), token.label()));
            }
        }
        return 0;
    }
}
