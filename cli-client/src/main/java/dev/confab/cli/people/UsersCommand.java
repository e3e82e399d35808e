package dev.confab.cli.people;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.protocol.Member;
import dev.confab.protocol.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Lists who is online, and in which room. Someone logged in twice (say, a terminal and a "
                + "script) is listed twice. This command's own connection is left out.",
                "After the room, voice markers: [muted] and [deaf] as they set them, [server-muted] by a moderator (see 'mute')."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli users --room Ops", "  confab-cli users --json | jq -r .name | sort -u"})
public final class UsersCommand implements Callable<Integer> {

    /** One online session in --json output: the wire's Member fields plus the room's name. */
    record UserRow(long session, long user, String name, Role role, long room, String roomName, boolean muted,
                   boolean deafened, boolean serverMuted) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--room", paramLabel = "ROOM", description = "Only the people in this room (name or id).")
    String room;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        Output out = cli.output();
        try (ServerLink link = cli.connect()) {
            RoomDirectory rooms = RoomDirectory.of(link);
            Long only = room == null ? null : rooms.resolve(room).id();
            long own = link.loggedIn().session();
            for (Member member : link.snapshot().members()) {
                if (member.session() == own || only != null && member.room() != only) {
                    continue;
                }
                String roomName = rooms.nameOf(member.room());
                out.result(new UserRow(member.session(), member.user(), member.name(), member.role(), member.room(), roomName,
                                member.muted(), member.deafened(), member.serverMuted()),
                        String.format("%-32s %-10s %s", member.name(), member.role().wireName(), roomName) + voiceMarkers(member));
            }
        }
        return 0;
    }

    /** {@code " [muted] [deaf] [server-muted]"}, each only when it applies; empty for someone who can talk. */
    private static String voiceMarkers(Member member) {
        StringBuilder markers = new StringBuilder();
        if (member.muted()) {
            markers.append(" [muted]");
        }
        if (member.deafened()) {
            markers.append(" [deaf]");
        }
        if (member.serverMuted()) {
            markers.append(" [server-muted]");
        }
        return markers.toString();
    }
}
