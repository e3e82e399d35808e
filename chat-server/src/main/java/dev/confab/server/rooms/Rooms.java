package dev.confab.server.rooms;

import dev.confab.protocol.Role;
import dev.confab.server.storage.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The rooms table. Methods run on a database thread with the connection it hands them. */
public final class Rooms {
    private Rooms() {
    }

    /** A room's stored settings. */
    public record StoredRoom(long id, Long parent, String name, String passwordHash, Role minRole, int bitrate,
                             int maxUsers) {
    }

    public static List<StoredRoom> loadAll(Connection c) throws SQLException {
        try (Statement query = c.createStatement();
             ResultSet rows = query.executeQuery(
                     "SELECT id, parent_id, name, password_hash, min_role, bitrate, max_users FROM rooms ORDER BY id")) {
            List<StoredRoom> rooms = new ArrayList<>();
            while (rows.next()) {
                rooms.add(new StoredRoom(rows.getLong(1), Sql.nullableLong(rows, 2), rows.getString(3),
                        rows.getString(4), Role.parse(rows.getString(5)), rows.getInt(6), rows.getInt(7)));
            }
            return rooms;
        }
    }

    /** Inserts a room and returns it with its new id; a taken name fails the unique constraint. */
    public static StoredRoom insert(Connection c, StoredRoom room, long now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO rooms (parent_id, name, name_key, password_hash, min_role, bitrate, max_users, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, room.parent());
            insert.setString(2, room.name());
            insert.setString(3, RoomTree.key(room.name()));
            insert.setString(4, room.passwordHash());
            insert.setString(5, room.minRole().wireName());
            insert.setInt(6, room.bitrate());
            insert.setInt(7, room.maxUsers());
            insert.setLong(8, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new StoredRoom(keys.getLong(1), room.parent(), room.name(), room.passwordHash(),
                        room.minRole(), room.bitrate(), room.maxUsers());
            }
        }
    }

    public static void rename(Connection c, long id, String name) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE rooms SET name = ?, name_key = ? WHERE id = ?")) {
            update.setString(1, name);
            update.setString(2, RoomTree.key(name));
            update.setLong(3, id);
            update.executeUpdate();
        }
    }

    public static void move(Connection c, long id, long parent) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE rooms SET parent_id = ? WHERE id = ?")) {
            update.setLong(1, parent);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** Deletes the given rooms, which must be listed children before parents. */
    public static void delete(Connection c, Collection<Long> deepestFirst) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM rooms WHERE id = ?")) {
            for (long id : deepestFirst) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
        }
    }
}
