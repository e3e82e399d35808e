package dev.confab.server.rooms;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.server.Access;
import dev.confab.server.ChatFailure;
import dev.confab.server.Hub;
import dev.confab.server.Router;
import dev.confab.server.accounts.PasswordHasher;
import dev.confab.server.net.Connection;
import dev.confab.server.presence.Presence;
import dev.confab.server.presence.Session;
import dev.confab.server.storage.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Joining rooms and changing the tree. Changes are validated here, written to the database, and
 * applied to the live tree only once committed, then announced to everyone. Hub thread.
 */
public final class RoomHandlers {
    public static final int DEFAULT_BITRATE = 32_000;
    private static final int MIN_BITRATE = 6_000;
    private static final int MAX_BITRATE = 510_000;
    private static final int MAX_USERS_LIMIT = 10_000;

    private final RoomTree tree;
    private final Presence presence;
    private final Database db;
    private final PasswordHasher hasher;
    private final Hub hub;
    private final Clock clock;

    public RoomHandlers(RoomTree tree, Presence presence, Database db, PasswordHasher hasher, Hub hub, Clock clock) {
        this.tree = tree;
        this.presence = presence;
        this.db = db;
        this.hasher = hasher;
        this.hub = hub;
        this.clock = clock;
    }

    public void register(Router router) {
        router.loggedIn(Request.Join.class, this::join);
        router.loggedIn(Request.CreateRoom.class, this::create);
        router.loggedIn(Request.RenameRoom.class, this::rename);
        router.loggedIn(Request.MoveRoom.class, this::move);
        router.loggedIn(Request.DeleteRoom.class, this::delete);
    }

    /** The room, or unknown_room. */
    public Room existing(long id) {
        Room room = tree.get(id);
        if (room == null) {
            throw new ChatFailure(ErrorCode.UNKNOWN_ROOM, "there is no room " + id);
        }
        return room;
    }

    /** Whether this person may read and post in a room without being inside it. */
    public static boolean mayReach(Session session, Room room) {
        Role role = session.account().role();
        return session.room() == room || role == Role.ADMIN
                || (role.atLeast(room.minRole()) && room.passwordHash() == null);
    }

    private void join(Connection connection, Session session, Request.Join request) {
        Room room = existing(request.room());
        Role role = session.account().role();
        if (room == session.room()) {
            connection.send(new Reply.Ok(request.id()));
            return;
        }
        if (role != Role.ADMIN) {
            if (!role.atLeast(room.minRole())) {
                throw new ChatFailure(ErrorCode.FORBIDDEN, room.name() + " is for " + room.minRole().wireName()
                        + "s and above");
            }
            if (room.isFull()) {
                throw new ChatFailure(ErrorCode.ROOM_FULL, room.name() + " is full");
            }
        }
        if (room.passwordHash() == null || role == Role.ADMIN) {
            enter(connection, session, room, request.id());
            return;
        }
        if (request.password() == null) {
            throw new ChatFailure(ErrorCode.WRONG_ROOM_PASSWORD, room.name() + " needs a password");
        }
        hub.then(hasher.verify(request.password(), room.passwordHash()), connection, request.id(), matches -> {
            if (!matches) {
                throw new ChatFailure(ErrorCode.WRONG_ROOM_PASSWORD, "wrong password for " + room.name());
            }
            enter(connection, session, existing(room.id()), request.id());
        });
    }

    private void enter(Connection connection, Session session, Room room, long requestId) {
        connection.send(new Reply.Ok(requestId));
        presence.move(session, room);
    }

    private void create(Connection connection, Session session, Request.CreateRoom request) {
        Access.requireRole(session, Role.MODERATOR, "create rooms");
        String name = checkedName(request.name());
        Room parent = existing(request.parent() == null ? RoomTree.LOBBY : request.parent());
        int bitrate = request.bitrate() == null ? DEFAULT_BITRATE : request.bitrate();
        if (bitrate < MIN_BITRATE || bitrate > MAX_BITRATE) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "bitrate must be " + MIN_BITRATE + " to " + MAX_BITRATE);
        }
        int maxUsers = request.maxUsers() == null ? 0 : request.maxUsers();
        if (maxUsers < 0 || maxUsers > MAX_USERS_LIMIT) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "maxUsers must be 0 (no limit) to " + MAX_USERS_LIMIT);
        }
        Role minRole = request.minRole() == null ? Role.GUEST : request.minRole();
        boolean hasPassword = request.password() != null && !request.password().isEmpty();
        CompletableFuture<String> passwordHash = hasPassword
                ? hasher.hash(request.password()) : CompletableFuture.completedFuture(null);
        hub.then(passwordHash, connection, request.id(), hash -> {
            checkedName(name);
            Rooms.StoredRoom wanted = new Rooms.StoredRoom(0, existing(parent.id()).id(), name, hash, minRole,
                    bitrate, maxUsers, request.echo());
            hub.then(db.write(c -> Rooms.insert(c, wanted, clock.millis())).exceptionally(RoomHandlers::nameRace), connection, request.id(), stored -> {
                Room room = tree.add(stored);
                connection.send(new Reply.RoomCreated(request.id(), room.info()));
                presence.broadcast(new Event.RoomAdded(room.info()));
            });
        });
    }

    private void rename(Connection connection, Session session, Request.RenameRoom request) {
        Access.requireRole(session, Role.MODERATOR, "rename rooms");
        Room room = existing(request.room());
        String name = RoomTree.key(room.name()).equals(RoomTree.key(String.valueOf(request.name())))
                ? request.name() : checkedName(request.name());
        changeRoom(connection, request.id(), room, c -> Rooms.rename(c, room.id(), name),
                () -> tree.rename(room, name));
    }

    private void move(Connection connection, Session session, Request.MoveRoom request) {
        Access.requireRole(session, Role.MODERATOR, "move rooms");
        Room room = existing(request.room());
        Room parent = existing(request.parent());
        if (room.parent() == null) {
            throw new ChatFailure(ErrorCode.FORBIDDEN, "the lobby is the root and cannot move");
        }
        if (tree.isWithin(parent, room)) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "a room cannot move inside itself");
        }
        changeRoom(connection, request.id(), room, c -> Rooms.move(c, room.id(), parent.id()),
                () -> tree.move(room, parent));
    }

    /** A change to one room's row: committed first, then applied to the live tree and announced. */
    private void changeRoom(Connection connection, long requestId, Room room, RoomUpdate update, Runnable applyToTree) {
        hub.then(db.write(c -> {
            update.apply(c);
            return true;
        }).exceptionally(RoomHandlers::nameRace), connection, requestId, done -> {
            applyToTree.run();
            connection.send(new Reply.Ok(requestId));
            presence.broadcast(new Event.RoomChanged(room.info()));
        });
    }

    @FunctionalInterface
    private interface RoomUpdate {
        void apply(java.sql.Connection c) throws java.sql.SQLException;
    }

    /**
     * Deletes a room with everything below it. Everyone inside any of those rooms moves to the
     * deleted room's parent first, so nobody is ever in a room that no longer exists; then the
     * rooms go, deepest first, with their message history.
     */
    private void delete(Connection connection, Session session, Request.DeleteRoom request) {
        Access.requireRole(session, Role.MODERATOR, "delete rooms");
        Room room = existing(request.room());
        if (room.parent() == null) {
            throw new ChatFailure(ErrorCode.FORBIDDEN, "the lobby cannot be deleted");
        }
        List<Room> doomed = tree.subtreeDeepestFirst(room);
        List<Long> ids = doomed.stream().map(Room::id).toList();
        hub.then(db.write(c -> {
            Rooms.delete(c, ids);
            return null;
        }), connection, request.id(), done -> {
            Room parent = tree.get(room.parent());
            for (Room gone : doomed) {
                List.copyOf(gone.members()).forEach(member -> presence.move(member, parent));
            }
            for (Room gone : doomed) {
                tree.remove(gone);
                presence.broadcast(new Event.RoomRemoved(gone.id(), parent.id()));
            }
            connection.send(new Reply.Ok(request.id()));
        });
    }

    /** Two requests for one name at once both pass the tree check; the table's constraint decides. */
    private static <T> T nameRace(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
        if (cause instanceof java.sql.SQLException sql && String.valueOf(sql.getMessage()).contains("rooms.name_key")) {
            throw new ChatFailure(ErrorCode.NAME_TAKEN, "there is already a room with that name");
        }
        throw error instanceof RuntimeException runtime ? runtime : new java.util.concurrent.CompletionException(error);
    }

    private String checkedName(String name) {
        String problem = RoomTree.nameProblem(name);
        if (problem != null) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, problem);
        }
        if (tree.nameTaken(name)) {
            throw new ChatFailure(ErrorCode.NAME_TAKEN, "there is already a room named " + name);
        }
        return name;
    }
}
