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
import java.util.Optional;

/** The rooms table. Methods run on a database thread with the connection it hands them. */
public final class Rooms {
    private Rooms() {
    }

    /** A room's stored settings. */
    public record StoredRoom(long id, Long parent, String name, String passwordHash, Role minRole, int bitrate,
                             int maxUsers, boolean echo) {
    }

    public static List<StoredRoom> loadAll(Connection c) throws SQLException {
        try (Statement query = c.createStatement();
             ResultSet rows = query.executeQuery(
                     "SELECT id, parent_id, name, password_hash, min_role, bitrate, max_users, echo FROM rooms ORDER BY id")) {
            List<StoredRoom> rooms = new ArrayList<>();
            while (rows.next()) {
                rooms.add(new StoredRoom(rows.getLong(1), Sql.nullableLong(rows, 2), rows.getString(3),
                        rows.getString(4), Role.parse(rows.getString(5)), rows.getInt(6), rows.getInt(7),
                        rows.getBoolean(8)));
            }
            return rooms;
        }
    }

    /** Inserts a room and returns it with its new id; a taken name fails the unique constraint. */
    public static StoredRoom insert(Connection c, StoredRoom room, long now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO rooms (parent_id, name, name_key, password_hash, min_role, bitrate, max_users, echo,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, room.parent());
            insert.setString(2, room.name());
            insert.setString(3, RoomTree.key(room.name()));
            insert.setString(4, room.passwordHash());
            insert.setString(5, room.minRole().wireName());
            insert.setInt(6, room.bitrate());
            insert.setInt(7, room.maxUsers());
            insert.setBoolean(8, room.echo());
            insert.setLong(9, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new StoredRoom(keys.getLong(1), room.parent(), room.name(), room.passwordHash(),
                        room.minRole(), room.bitrate(), room.maxUsers(), room.echo());
            }
        }
    }

    /**
     * The id of the room {@code ref} names: a room id, else a name in any case (names may be
     * digits), as the clients resolve rooms.
     */
    public static Optional<Long> find(Connection c, String ref) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id FROM rooms WHERE CAST(id AS TEXT) = ? OR name_key = ? ORDER BY CAST(id AS TEXT) = ? DESC")) {
            query.setString(1, ref);
            query.setString(2, RoomTree.key(ref));
            query.setString(3, ref);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
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
