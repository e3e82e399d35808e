package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.protocol.ChatLine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints a room's messages as they are posted, until interrupted (Ctrl-C) or the connection ends.",
                "With --follow it outlives the connection: it reconnects (with growing pauses) and first prints what "
                        + "was posted meanwhile, so nothing is missed or printed twice, even across a server restart.",
                "It joins the room, since only people inside a room receive its messages; a room with a password "
                        + "takes it from $CONFAB_ROOM_PASSWORD.",
                "With --json, one message per line, as in 'history --json'."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli tail --room ops -n 10",
                "  confab-cli tail --room ops --follow --json >> ops.jsonl",
                "  last=$(tail -n1 ops.jsonl | jq .id)   # carry on where it stopped",
                "  confab-cli tail --room ops --follow --json --after \"$last\" >> ops.jsonl"})
public final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--room", paramLabel = "ROOM", required = true, description = "The room's name (any case) or id.")
    String room;

    @Option(names = {"-f", "--follow"}, description = "Reconnect after the connection drops, catching up on what was missed.")
    boolean follow;

    @Option(names = {"-n", "--last"}, paramLabel = "N", defaultValue = "0",
            description = "First print the newest N messages already there (default: ${DEFAULT-VALUE}, at most 500).")
    int last;

    @Option(names = "--after", paramLabel = "ID",
            description = "First print every message after this message id (to carry on from an earlier run).")
    Long after;

    @Override
    public Integer call() throws CliException, InterruptedException {
        if (last < 0 || last > 500) {
            throw CliException.usage("--last must be 0 to 500, not " + last);
        }
        if (after != null && last > 0) {
            throw CliException.usage("--after and --last both choose where to start: give one");
        }
        Invocation cli = Invocation.of(spec);
        Output out = cli.output();
        PrintWriter err = cli.err();
        ServerLink link = new ServerLink(cli.target(), follow);
        // Ctrl-C is how a tail normally ends: say goodbye to the server and keep what was printed.
        Thread goodbye = new Thread(() -> {
            out.flush();
            link.close();
        }, "tail-shutdown");
        Runtime.getRuntime().addShutdownHook(goodbye);
        RoomFollower follower = new RoomFollower(link, cli.environment(), follow, after, last, notice -> {
            err.println("confab-cli: " + notice);
            err.flush();
        });
        cli.logIn(link);
        follower.start(RoomDirectory.of(link).resolve(room));
        while (true) {
            Object next = follower.next();
            if (next instanceof ChatLine line) {
                ChatLineFormat.print(out, line);
                // checkError flushes too; nobody reading any more (| head) ends the tail.
                if (follower.idle() && out.closed()) {
                    return 0;
                }
            } else {
                out.flush();
                throw (CliException) next;
            }
        }
    }
}
