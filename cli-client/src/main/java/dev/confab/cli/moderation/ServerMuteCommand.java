package dev.confab.cli.moderation;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mute} and {@code unmute}: the protocol's {@code server_mute}, which differ only in the
 * flag they send. Each subclass carries its own {@code @Command} (name, help, example).
 */
abstract class ServerMuteCommand implements Callable<Integer> {

    private final boolean muted;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "USER", description = "Account name (any case); every session of it online now.")
    String user;

    ServerMuteCommand(boolean muted) {
        this.muted = muted;
    }

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            link.call(id -> new Request.ServerMute(id, user, muted), Reply.Ok.class);
        }
        return 0;
    }
}
