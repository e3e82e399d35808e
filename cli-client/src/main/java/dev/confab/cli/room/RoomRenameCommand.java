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

@Command(name = "rename", mixinStandardHelpOptions = true,
        description = "Renames a room (the lobby too). Its id, settings and history stay.",
        footerHeading = "%nExample:%n",
        footer = "  confab-cli room rename Ops Operations")
public final class RoomRenameCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOM", description = "The room's name or id.")
    String room;

    @Parameters(index = "1", paramLabel = "NEW-NAME", description = "Its new name.")
    String newName;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect()) {
            long roomId = RoomDirectory.of(link).resolve(room).id();
            link.call(id -> new Request.RenameRoom(id, roomId, newName), Reply.Ok.class);
        }
        return 0;
    }
}
