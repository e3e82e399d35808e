package dev.confab.server.moderation;

import dev.confab.protocol.BanInfo;
import dev.confab.server.storage.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The bans table. Methods run on a database thread with the connection it hands them. */
public final class Bans {
    private static final String SELECT = "SELECT b.id, b.account_id, a.name, b.ip, b.reason, b.created_by,"
            + " b.created_at, b.expires_at FROM bans b LEFT JOIN accounts a ON a.id = b.account_id";

    private Bans() {
    }

    public static BanInfo insert(Connection c, Long account, String ip, String reason, String by, long now,
                                 Long expires) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bans (account_id, ip, reason, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            setNullable(insert, 1, account);
            insert.setString(2, ip);
            insert.setString(3, reason);
            insert.setString(4, by);
            insert.setLong(5, now);
            setNullable(insert, 6, expires);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return find(c, keys.getLong(1));
            }
        }
    }

    /** Bans still in force at {@code now}. */
    public static List<BanInfo> active(Connection c, long now) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                SELECT + " WHERE b.expires_at IS NULL OR b.expires_at > ? ORDER BY b.id")) {
            query.setLong(1, now);
            try (ResultSet rows = query.executeQuery()) {
                List<BanInfo> bans = new ArrayList<>();
                while (rows.next()) {
                    bans.add(read(rows));
                }
                return bans;
            }
        }
    }

    public static boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM bans WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    private static BanInfo find(Connection c, long id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(SELECT + " WHERE b.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return read(rows);
            }
        }
    }

    private static BanInfo read(ResultSet rows) throws SQLException {
        return new BanInfo(rows.getLong(1), Sql.nullableLong(rows, 2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getLong(7), Sql.nullableLong(rows, 8));
    }

    private static void setNullable(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }
}
