package dev.confab.cli.server;

import dev.confab.cli.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Looks at the server itself (admins only).",
        subcommands = ServerStatsCommand.class,
        footerHeading = "%nExample:%n",
        footer = "  confab-cli server stats")
public final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        throw CliException.missingSubcommand(spec);
    }
}
