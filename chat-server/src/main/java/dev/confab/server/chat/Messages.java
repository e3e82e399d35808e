package dev.confab.server.chat;

import dev.confab.protocol.ChatLine;
import dev.confab.protocol.DirectLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Room and direct messages. Methods run on a database thread with the connection it hands them. */
public final class Messages {
    private Messages() {
    }

    public static ChatLine insert(Connection c, long room, long user, String name, String text, boolean action,
                                  long now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO messages (room_id, account_id, author, body, action, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, room);
            insert.setLong(2, user);
            insert.setString(3, name);
            insert.setString(4, text);
            insert.setInt(5, action ? 1 : 0);
            insert.setLong(6, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new ChatLine(keys.getLong(1), room, user, name, text, action, now);
            }
        }
    }

    /**
     * Up to {@code limit} messages of a room older than {@code before} (the newest when null),
     * oldest first, plus one more row's worth of knowledge: whether older ones remain.
     */
    public static Page page(Connection c, long room, Long before, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, account_id, author, body, action, created_at FROM messages"
                        + " WHERE room_id = ? AND id < ? ORDER BY id DESC LIMIT ?")) {
            query.setLong(1, room);
            query.setLong(2, before == null ? Long.MAX_VALUE : before);
            query.setInt(3, limit + 1);
            List<ChatLine> lines = readLines(query, room, limit + 1);
            boolean more = lines.size() > limit;
            List<ChatLine> page = new ArrayList<>(lines.subList(0, Math.min(limit, lines.size())));
            Collections.reverse(page);
            return new Page(page, more);
        }
    }

    /** Up to {@code limit} messages of a room newer than {@code after}, oldest first. */
    public static Page pageAfter(Connection c, long room, long after, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, account_id, author, body, action, created_at FROM messages"
                        + " WHERE room_id = ? AND id > ? ORDER BY id LIMIT ?")) {
            query.setLong(1, room);
            query.setLong(2, after);
            query.setInt(3, limit + 1);
            List<ChatLine> lines = readLines(query, room, limit + 1);
            boolean more = lines.size() > limit;
            return new Page(List.copyOf(lines.subList(0, Math.min(limit, lines.size()))), more);
        }
    }

    private static List<ChatLine> readLines(PreparedStatement query, long room, int expected) throws SQLException {
        List<ChatLine> lines = new ArrayList<>(expected);
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                lines.add(new ChatLine(rows.getLong(1), room, rows.getLong(2), rows.getString(3),
                        rows.getString(4), rows.getInt(5) != 0, rows.getLong(6)));
            }
        }
        return lines;
    }

    public record Page(List<ChatLine> lines, boolean more) {
    }

    public static DirectLine insertDirect(Connection c, long from, String fromName, long to, String toName,
                                          String text, long now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO direct_messages (sender_id, recipient_id, body, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, from);
            insert.setLong(2, to);
            insert.setString(3, text);
            insert.setLong(4, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new DirectLine(keys.getLong(1), from, fromName, to, toName, text, now);
            }
        }
    }

    /** Direct messages waiting for an account, oldest first. */
    public static List<DirectLine> undelivered(Connection c, long recipient) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT d.id, d.sender_id, s.name, d.recipient_id, r.name, d.body, d.created_at"
                        + " FROM direct_messages d JOIN accounts s ON s.id = d.sender_id"
                        + " JOIN accounts r ON r.id = d.recipient_id"
                        + " WHERE d.recipient_id = ? AND d.delivered_at IS NULL ORDER BY d.id")) {
            query.setLong(1, recipient);
            List<DirectLine> lines = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.add(new DirectLine(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getLong(4),
                            rows.getString(5), rows.getString(6), rows.getLong(7)));
                }
            }
            return lines;
        }
    }

    public static void markDelivered(Connection c, List<Long> ids, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE direct_messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL")) {
            for (long id : ids) {
                update.setLong(1, now);
                update.setLong(2, id);
                update.executeUpdate();
            }
        }
    }
}
