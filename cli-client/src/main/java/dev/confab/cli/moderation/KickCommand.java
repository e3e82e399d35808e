package dev.confab.cli.moderation;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "kick", mixinStandardHelpOptions = true,
        description = "Disconnects every session of an account that is online (moderators and admins). They may log in again.",
        footerHeading = "%nExample:%n",
        footer = "  confab-cli kick bob --reason 'cool off'")
public final class KickCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "USER", description = "Account name (any case).")
    String user;

    @Option(names = "--reason", description = "Shown to them and to everyone online, up to 200 characters.")
    String reason;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            link.call(id -> new Request.Kick(id, user, reason), Reply.Ok.class);
        }
        return 0;
    }
}
