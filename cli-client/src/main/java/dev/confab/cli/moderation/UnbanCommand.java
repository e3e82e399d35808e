package dev.confab.cli.moderation;

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

@Command(name = "unban", mixinStandardHelpOptions = true,
        description = "Lifts a ban by its id (see 'bans').",
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli unban 4",
                "  confab-cli bans --json | jq .id | xargs -n1 confab-cli unban   # all"})
public final class UnbanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BAN-ID", description = "The ban's id.")
    long banId;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            link.call(id -> new Request.Unban(id, banId), Reply.Ok.class);
        }
        return 0;
    }
}
