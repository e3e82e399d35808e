package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Getting a command's session into reach of a room. Posting and reading history work from
 * anywhere for rooms without a password; a room with one must be joined, with the password from
 * CONFAB_ROOM_PASSWORD (never an argument, which other users could see in the process list).
 */
public final class RoomAccess {

    public static final String PASSWORD_VARIABLE = "CONFAB_ROOM_PASSWORD";

    private RoomAccess() {
    }

    /** Joins {@code room} if this session could not otherwise post to it or read it. */
    static void ensureReachable(ServerLink link, RoomInfo room, Map<String, String> env) throws CliException {
        if (needsPassword(link, room)) {
            link.await(join(link, room, env));
        }
    }

    /** Joins {@code room}: needed to receive its messages as they are posted. */
    public static CompletableFuture<Reply.Ok> join(ServerLink link, RoomInfo room, Map<String, String> env) throws CliException {
        String password = needsPassword(link, room) ? env.get(PASSWORD_VARIABLE) : null;
        if (needsPassword(link, room) && password == null) {
            throw new CliException(Exit.PERMISSION, "wrong_room_password", room.name()
                    + " has a password: put it in " + PASSWORD_VARIABLE);
        }
        return link.request(id -> new Request.Join(id, room.id(), password), Reply.Ok.class);
    }

    /** Admins enter every room without one. */
    private static boolean needsPassword(ServerLink link, RoomInfo room) {
        return room.hasPassword() && link.account().role() != Role.ADMIN;
    }
}
