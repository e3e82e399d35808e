package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.RoomInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Posts a message to a room: the TEXT words joined by spaces, or else all of stdin.",
                "With --lines, every line of stdin is posted as its own message as soon as it is read (empty lines "
                        + "are skipped, overlong ones split), so it can follow a growing file.",
                "The command returns once the server has stored every message. A room with a password is joined "
                        + "first, with the password from $CONFAB_ROOM_PASSWORD.",
                "With --json, prints {\"id\":...,\"ts\":...} for each message posted."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli send --room ci 'build 1234 passed'",
                "  git log -1 --format=%%s | confab-cli send --room dev",
                "  tail -f build.log | confab-cli send --room ci --lines"})
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--room", paramLabel = "ROOM", required = true, description = "The room's name (any case) or id.")
    String room;

    @Option(names = "--lines", description = "Post each line of stdin as its own message, streaming.")
    boolean lines;

    @Option(names = "--me", description = "Post as an action, like /me in the terminal client (\"* alice waves\").")
    boolean action;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "The message. Without it, stdin is read.")
    List<String> words;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        if (lines && words != null && !words.isEmpty()) {
            throw CliException.usage("--lines reads stdin: give no TEXT with it");
        }
        if (lines && action) {
            throw CliException.usage("--me posts one message: it does not go with --lines");
        }
        String text = lines ? null : MessageText.from(words, cli.stdin());
        try (ServerLink link = cli.connect()) {
            RoomInfo target = RoomDirectory.of(link).resolve(room);
            RoomAccess.ensureReachable(link, target, cli.environment());
            if (lines) {
                new LineStreamer(link, target.id(), cli.output()).stream(cli.stdin());
            } else {
                Reply.Posted posted = link.call(id -> new Request.Say(id, target.id(), text, action), Reply.Posted.class);
                if (cli.output().json()) {
                    cli.output().object(new Posted(posted.messageId(), posted.ts()));
                }
            }
        }
        return 0;
    }
}
