package dev.confab.server.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** Database files as an older confab-server left them, to test what the migrations make of them. */
public final class OlderSchemas {
    private OlderSchemas() {
    }

    /** A new database file at schema {@code version}, and a connection to add rows as that binary would. */
    public static Connection create(Path file, int version) throws SQLException {
        Connection connection = Database.connect(file);
        try {
            Migrations.applyUpTo(connection, version);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
