package dev.confab.cli.room;

import dev.confab.cli.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "room", mixinStandardHelpOptions = true,
        description = {"Creates, renames, moves and deletes rooms (moderators and admins).",
                "A ROOM is a room's name (any case) or its id."},
        subcommands = {RoomCreateCommand.class, RoomRenameCommand.class, RoomMoveCommand.class, RoomDeleteCommand.class},
        footerHeading = "%nExample:%n",
        footer = "  confab-cli room create Releases --parent Ops --min-role member")
public final class RoomCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        throw CliException.missingSubcommand(spec);
    }
}
