package dev.confab.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work, run on the database's own thread with its connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
