package dev.confab.cli.room;

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

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes a room, every room inside it and their message history.",
                "People inside are moved to its parent. The lobby cannot be deleted."},
        footerHeading = "%nExample:%n",
        footer = "  confab-cli room delete 'Team A'")
public final class RoomDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ROOM", description = "The room's name or id.")
    String room;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            long roomId = RoomDirectory.of(link).resolve(room).id();
            link.call(id -> new Request.DeleteRoom(id, roomId), Reply.Ok.class);
        }
        return 0;
    }
}
