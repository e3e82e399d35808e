package dev.confab.server.rooms;

import dev.confab.protocol.Role;
import dev.confab.server.AdminException;
import dev.confab.server.storage.Database;
import dev.confab.server.storage.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Room work the operator does from a shell, straight on the database file: setting up a data
 * folder before its server first starts (a demo, a deployment script). A running server loaded
 * its room tree at start, so it shows such a room only after a restart; on a running server,
 * rooms are made over the protocol ({@code confab-cli room create}).
 */
public final class RoomAdmin {
    private RoomAdmin() {
    }

    /**
     * Creates a room with the defaults {@code create_room} uses (no password, open to guests,
     * the default bitrate, no size limit) under {@code parent} (an id or a name; null: the lobby).
     */
    public static Rooms.StoredRoom createRoom(Path databaseFile, String name, String parent, boolean echo)
            throws AdminException, SQLException {
        String problem = RoomTree.nameProblem(name);
        if (problem != null) {
            throw new AdminException(problem);
        }
        try {
            Files.createDirectories(databaseFile.getParent());
        } catch (IOException e) {
            throw new AdminException("cannot create " + databaseFile.getParent() + ": " + e.getMessage());
        }
        try (Connection c = Database.connect(databaseFile)) {
            Migrations.apply(c);
            long parentId = parent == null ? RoomTree.LOBBY
                    : Rooms.find(c, parent).orElseThrow(() -> new AdminException("there is no room " + parent));
            return Rooms.insert(c, new Rooms.StoredRoom(0, parentId, name, null, Role.GUEST,
                    RoomHandlers.DEFAULT_BITRATE, 0, echo), System.currentTimeMillis());
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("rooms.name_key")) {
                throw new AdminException("there is already a room named " + name + " (names ignore case)");
            }
            throw e;
        }
    }
}
