package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import dev.confab.server.storage.OlderSchemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Echo rooms on a real server with a real SQLite file: made by moderators, announced and listed
 * with {@code echo}, kept across a restart; rooms from before echo rooms, and rooms made without
 * the field, are ordinary rooms.
 */
class EchoRoomsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void anEchoRoomIsAnnouncedListedAndKeptAcrossARestart() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            RoomInfo echo;
            RoomInfo plain;
            String memberName;
            try (TestClient moderator = server.withRole("mod", Role.MODERATOR);
                 TestClient member = server.registered("listener")) {
                memberName = member.name();
                echo = moderator.call(id -> new Request.CreateRoom(id, "Echo", null, null, null, null, null, true),
                        Reply.RoomCreated.class).room();
                plain = moderator.call(id -> new Request.CreateRoom(id, "Plain", null, null, null, null, null),
                        Reply.RoomCreated.class).room();

                assertThat(echo.echo()).isTrue();
                assertThat(plain.echo()).isFalse();
                assertThat(member.await(Event.RoomAdded.class, e -> e.room().id() == echo.id()).room()).isEqualTo(echo);
                try (TestClient late = server.registered("late")) {
                    assertThat(late.await(Event.Snapshot.class).rooms()).contains(echo, plain);
                }
            }

            server.restart();

            try (TestClient member = server.connect()) {
                member.login(memberName, TestServer.PASSWORD);
                assertThat(member.await(Event.Snapshot.class).rooms())
                        .filteredOn(room -> room.id() == echo.id() || room.id() == plain.id())
                        .containsExactly(echo, plain);
                member.ok(id -> new Request.Join(id, echo.id(), null));
            }
        }
    }

    @Test
    void roomsADatabaseHadBeforeEchoRoomsAreOrdinaryRooms() throws Exception {
        try (Connection old = OlderSchemas.create(dir.resolve("confab.db"), 1); Statement sql = old.createStatement()) {
            sql.execute("INSERT INTO rooms (parent_id, name, name_key, bitrate, max_users, created_at)"
                    + " VALUES (1, 'Den', 'den', 24000, 4, 1)");
        }

        try (TestServer server = TestServer.start(dir); TestClient member = server.registered("old")) {
            assertThat(member.await(Event.Snapshot.class).rooms()).containsExactly(
                    new RoomInfo(1, null, "Lobby", false, Role.GUEST, 32_000, 0, false),
                    new RoomInfo(2, 1L, "Den", false, Role.GUEST, 24_000, 4, false));
        }
    }
}
