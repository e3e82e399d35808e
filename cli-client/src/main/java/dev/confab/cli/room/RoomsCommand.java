package dev.confab.cli.room;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "rooms", mixinStandardHelpOptions = true,
        description = {"Shows the room tree with each room's id, settings and head count.",
                "With --json: one object per room, parents before children (depth says how deep)."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli rooms", "  confab-cli rooms --json | jq -r 'select(.online > 0) | .name'"})
public final class RoomsCommand implements Callable<Integer> {

    /** One room in --json output: the wire's RoomInfo fields plus its depth in the tree and head count. */
    record RoomRow(long id, Long parent, String name, boolean hasPassword, Role minRole, int bitrate, int maxUsers,
                   boolean echo, int depth, int online) {
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        Output out = cli.output();
        try (ServerLink link = cli.connect()) {
            RoomDirectory rooms = RoomDirectory.of(link);
            for (RoomDirectory.Placed placed : rooms.tree()) {
                RoomInfo room = placed.room();
                out.result(new RoomRow(room.id(), room.parent(), room.name(), room.hasPassword(), room.minRole(),
                        room.bitrate(), room.maxUsers(), room.echo(), placed.depth(), placed.online()), describe(placed));
            }
        }
        return 0;
    }

    /** {@code   #2 Ops  [echo, password, member+, 24 kb/s]  (1 online)}: indented two spaces a level. */
    private static String describe(RoomDirectory.Placed placed) {
        RoomInfo room = placed.room();
        List<String> settings = new ArrayList<>();
        if (room.echo()) {
            settings.add("echo");
        }
        if (room.hasPassword()) {
            settings.add("password");
        }
        if (room.minRole() != Role.GUEST) {
            settings.add(room.minRole().wireName() + "+");
        }
        if (room.maxUsers() > 0) {
            settings.add("max " + room.maxUsers());
        }
        settings.add(room.bitrate() / 1000 + " kb/s");
        return "  ".repeat(placed.depth()) + "#" + room.id() + " " + room.name()
                + "  [" + String.join(", ", settings) + "]"
                + (placed.online() > 0 ? "  (" + placed.online() + " online)" : "");
    }
}
