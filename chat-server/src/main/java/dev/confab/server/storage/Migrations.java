package dev.confab.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database to the schema this binary expects, tracked in SQLite's {@code user_version}.
 * Migration 1 is the repository's schema.sql. A database from a newer binary is refused rather
 * than guessed at.
 */
public final class Migrations {
    /** Resource paths, in order; migration N is element N-1. */
    static final List<String> SCRIPTS = List.of("/db/schema.sql", "/db/migrations/2-room-echo.sql",
            "/db/migrations/3-display-name.sql");

    public static final int LATEST = SCRIPTS.size();

    private Migrations() {
    }

    public static void apply(Connection connection) throws SQLException {
        applyUpTo(connection, LATEST);
    }

    /** Brings a database to {@code target}; below {@link #LATEST}, this is how tests make an older binary's file. */
    static void applyUpTo(Connection connection, int target) throws SQLException {
        int current = userVersion(connection);
        if (current > LATEST) {
            throw new NewerSchemaException(current, LATEST);
        }
        for (int version = current + 1; version <= target; version++) {
            runScript(connection, version, SCRIPTS.get(version - 1));
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            return rows.getInt(1);
        }
    }

    private static void runScript(Connection connection, int version, String resource) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(load(resource))) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version = " + version);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + version + " (" + resource + ") failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String load(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the build: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** Splits a script on semicolons that end a line, after dropping comment lines. */
    static List<String> statements(String script) {
        StringBuilder kept = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            kept.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(kept.toString().split(";\\s*\n"))
                .map(String::strip)
                .filter(sql -> !sql.isEmpty())
                .toList();
    }

    /** The database was written by a newer confab-server than this one. */
    public static final class NewerSchemaException extends SQLException {
        NewerSchemaException(int found, int supported) {
            super("the database has schema version " + found + " but this confab-server knows only up to "
                    + supported + "; run the newer confab-server that wrote it, or restore a backup");
        }
    }
}
