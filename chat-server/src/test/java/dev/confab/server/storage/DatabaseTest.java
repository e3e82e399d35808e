package dev.confab.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aFreshFileGetsTheLatestSchemaInWalMode() throws Exception {
        try (Database db = Database.open(dir.resolve("confab.db"))) {
            assertThat(db.read(Migrations::userVersion).get()).isEqualTo(Migrations.LATEST);
            assertThat(db.read(c -> scalar(c, "PRAGMA journal_mode")).get()).isEqualTo("wal");
            assertThat(db.read(c -> scalar(c, "SELECT name FROM rooms WHERE id = 1")).get()).isEqualTo("Lobby");
        }
    }

    @Test
    void reopeningKeepsDataAndAppliesNothingTwice() throws Exception {
        Path file = dir.resolve("confab.db");
        try (Database db = Database.open(file)) {
            db.write(c -> execute(c, "INSERT INTO bans (ip, created_by, created_at) VALUES ('10.0.0.1', 'x', 1)")).get();
        }
        try (Database db = Database.open(file)) {
            assertThat(db.read(c -> scalar(c, "SELECT count(*) FROM bans")).get()).isEqualTo("1");
        }
    }

    /** Migration 2 added echo rooms: the rooms an older binary made stay ordinary rooms. */
    @Test
    void roomsFromBeforeEchoRoomsBecomeOrdinaryRooms() throws Exception {
        Path file = dir.resolve("confab.db");
        try (Connection c = OlderSchemas.create(file, 1)) {
            execute(c, "INSERT INTO rooms (parent_id, name, name_key, bitrate, created_at) VALUES (1, 'Old', 'old', 32000, 1)");
        }

        try (Database db = Database.open(file)) {
            assertThat(db.read(Migrations::userVersion).get()).isEqualTo(Migrations.LATEST);
            assertThat(db.read(c -> scalar(c, "SELECT group_concat(name || '=' || echo) FROM rooms")).get())
                    .isEqualTo("Lobby=0,Old=0");
        }
    }

    @Test
    void aDatabaseFromANewerServerIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("confab.db");
        try (Connection c = Database.connect(file)) {
            execute(c, "PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(Migrations.NewerSchemaException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("knows only up to " + Migrations.LATEST);
    }

    @Test
    void aFailingWriteRollsBackAloneWhileItsBatchMatesCommit() throws Exception {
        try (Database db = Database.open(dir.resolve("confab.db"))) {
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String ip = "10.0.0." + i;
                boolean broken = i % 10 == 3;
                writes.add(db.write(c -> {
                    execute(c, "INSERT INTO bans (ip, created_by, created_at) VALUES ('" + ip + "', 'x', 1)");
                    if (broken) {
                        execute(c, "INSERT INTO no_such_table VALUES (1)");
                    }
                    return 1;
                }));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();

            assertThat(writes.stream().filter(CompletableFuture::isCompletedExceptionally).count()).isEqualTo(20);
            assertThat(db.read(c -> scalar(c, "SELECT count(*) FROM bans")).get()).isEqualTo("180");
        }
    }

    @Test
    void closeFinishesQueuedWritesFirst() throws Exception {
        Path file = dir.resolve("confab.db");
        Database db = Database.open(file);
        for (int i = 0; i < 1000; i++) {
            db.write(c -> execute(c, "INSERT INTO bans (ip, created_by, created_at) VALUES ('1.2.3.4', 'x', 1)"));
        }
        db.close();
        try (Connection c = Database.connect(file)) {
            assertThat(scalar(c, "SELECT count(*) FROM bans")).isEqualTo("1000");
        }
        assertThatThrownBy(() -> db.write(c -> 1).get()).isInstanceOf(ExecutionException.class);
    }

    static String scalar(Connection c, String sql) throws java.sql.SQLException {
        try (PreparedStatement query = c.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getString(1);
        }
    }

    static Integer execute(Connection c, String sql) throws java.sql.SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
            return 0;
        }
    }
}
