package dev.confab.cli.token;

import dev.confab.cli.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Manages your API tokens: what scripts and CI jobs log in with (CONFAB_TOKEN).",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class},
        footerHeading = "%nExample:%n",
        footer = "  CONFAB_TOKEN=$(confab-cli token create --label ci)")
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        throw CliException.missingSubcommand(spec);
    }
}
