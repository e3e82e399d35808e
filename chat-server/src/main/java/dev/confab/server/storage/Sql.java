package dev.confab.server.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Small JDBC helpers that the table classes share. */
public final class Sql {
    private Sql() {
    }

    /** A nullable integer column as a Long (JDBC's getLong says 0 for NULL). */
    public static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
