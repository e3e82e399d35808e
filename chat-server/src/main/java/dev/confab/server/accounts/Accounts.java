package dev.confab.server.accounts;

import dev.confab.protocol.Account;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The accounts table. Methods run on a database thread with the connection it hands them. */
public final class Accounts {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{0,31}");

    private Accounts() {
    }

    /** A stored account, with its password hash, which never leaves the server. */
    public record StoredAccount(long id, String name, Role role, String passwordHash, String displayName) {
        public Account toAccount() {
            return new Account(id, name, role, displayName);
        }
    }

    /** Why a name is unusable, or null when it is fine. */
    public static String nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "a name is 1 to 32 letters, digits, '_', '.' or '-', starting with a letter or digit";
        }
        return null;
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public static Optional<StoredAccount> findByName(Connection c, String name) throws SQLException {
        return findOne(c, "SELECT id, name, role, password_hash, display_name FROM accounts WHERE name_key = ?", key(name));
    }

    public static Optional<StoredAccount> findById(Connection c, long id) throws SQLException {
        return findOne(c, "SELECT id, name, role, password_hash, display_name FROM accounts WHERE id = ?", id);
    }

    /** Inserts an account; empty when the name is taken. */
    public static Optional<StoredAccount> insert(Connection c, String name, String passwordHash, Role role, long now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO accounts (name, name_key, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (name_key) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, key(name));
            insert.setString(3, passwordHash);
            insert.setString(4, role.wireName());
            insert.setLong(5, now);
            if (insert.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return findByName(c, name);
    }

    public static boolean setRole(Connection c, long id, Role role) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET role = ? WHERE id = ?")) {
            update.setString(1, role.wireName());
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Sets or (with null) removes an account's display name. */
    public static boolean setDisplayName(Connection c, long id, String displayName) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET display_name = ? WHERE id = ?")) {
            update.setString(1, displayName);
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * A display name as typed, made ready to store: stripped, null when blank (no display name).
     *
     * @throws IllegalArgumentException saying why it cannot be one
     */
    public static String displayName(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String name = typed.strip();
        if (name.codePointCount(0, name.length()) > Limits.MAX_DISPLAY_NAME_CHARS) {
            throw new IllegalArgumentException("a display name is at most " + Limits.MAX_DISPLAY_NAME_CHARS + " characters");
        }
        if (name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                || Character.getType(cp) == Character.LINE_SEPARATOR || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR)) {
            throw new IllegalArgumentException("a display name may not hold control or formatting characters");
        }
        return name;
    }

    public static boolean setPassword(Connection c, long id, String passwordHash) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET password_hash = ? WHERE id = ?")) {
            update.setString(1, passwordHash);
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    private static Optional<StoredAccount> findOne(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, key);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredAccount(row.getLong(1), row.getString(2),
                        Role.parse(row.getString(3)), row.getString(4), row.getString(5)));
            }
        }
    }
}
