package dev.confab.cli.room;

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

@Command(name = "move", mixinStandardHelpOptions = true,
        description = "Moves a room, with the rooms inside it, under another parent.",
        footerHeading = "%nExample:%n",
        footer = "  confab-cli room move 'Team A' --parent Archive")
public final class RoomMoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ROOM", description = "The room's name or id.")
    String room;

    @Option(names = "--parent", paramLabel = "ROOM", required = true, description = "Its new parent room.")
    String parent;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            RoomDirectory rooms = RoomDirectory.of(link);
            long roomId = rooms.resolve(room).id();
            long parentId = rooms.resolve(parent).id();
            link.call(id -> new Request.MoveRoom(id, roomId, parentId), Reply.Ok.class);
        }
        return 0;
    }
}
