package dev.confab.cli.room;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.RoleConverter;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Creates a room. Its password, minimum role, bitrate, size limit and echo are fixed from then on.",
                "With --json, prints the new room (id, parent, name, hasPassword, minRole, bitrate, maxUsers, echo)."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli room create Music --bitrate 96000",
                "  confab-cli room create 'Mic Test' --echo",
                "  printf '%%s\\n' \"$PASSWORD\" | confab-cli room create Ops --password-stdin"})
public final class RoomCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "1 to 32 letters, digits, spaces and _ . ' # + -; unique ignoring case.")
    String name;

    @Option(names = "--parent", paramLabel = "ROOM", description = "The room to create it in (default: the lobby).")
    String parent;

    @Option(names = "--password-stdin", description = "Give the room a password, read from the first line of stdin.")
    boolean passwordStdin;

    @Option(names = "--bitrate", paramLabel = "BITS", description = "Voice bitrate in bit/s, 6000 to 510000 (default: 32000).")
    Integer bitrate;

    @Option(names = "--max-users", paramLabel = "N", description = "At most N people inside, 0 for no limit (default: 0).")
    Integer maxUsers;

    @Option(names = "--min-role", paramLabel = "ROLE", converter = RoleConverter.class,
            completionCandidates = RoleConverter.Names.class,
            description = "Lowest role that may enter: ${COMPLETION-CANDIDATES} (default: guest).")
    Role minRole;

    @Option(names = "--echo", description = "An echo room: everyone inside hears only their own voice, back (a microphone test).")
    boolean echo;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        String password = passwordStdin ? cli.readSecret("room password", true, false) : null;
        try (ServerLink link = cli.connect()) {
            Long parentId = parent == null ? null
                    : RoomDirectory.of(link).resolve(parent).id();
            Reply.RoomCreated created = link.call(id -> new Request.CreateRoom(id, name, parentId, password, minRole,
                    bitrate, maxUsers, echo), Reply.RoomCreated.class);
            if (cli.output().json()) {
                cli.output().object(created.room());
            }
        }
        return 0;
    }
}
