package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rooms, room create|rename|move|delete (echo rooms too) and users, through real processes against a real server. */
class RoomCommandsTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String adminToken;
    static String memberToken;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        adminToken = server.tokenFor(server.createUser("root", Role.ADMIN));
        memberToken = server.tokenFor(server.createUser("mia", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli as(String token) {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    @Test
    void roomsAreCreatedShownRenamedMovedAndDeletedByNameOrId() {
        Cli admin = as(adminToken);
        JsonNode ops = Json.object(admin.run("room", "create", "Ops", "--json").ok().out());
        assertThat(ops.get("name").asText()).isEqualTo("Ops");
        assertThat(ops.get("parent").asLong()).isEqualTo(1);
        admin.run("room", "create", "Team A", "--parent", "ops", "--bitrate", "24000", "--min-role", "member").ok();
        admin.runWithInput("hunter22\n", "room", "create", "Vault", "--parent", ops.get("id").asText(),
                "--password-stdin", "--max-users", "3").ok();
        admin.run("room", "create", "Archive").ok();

        assertThat(admin.run("rooms").ok().lines()).containsExactly(
                "#1 Lobby  [32 kb/s]",
                "  #" + ops.get("id") + " Ops  [32 kb/s]",
                "    #" + (ops.get("id").asLong() + 1) + " Team A  [member+, 24 kb/s]",
                "    #" + (ops.get("id").asLong() + 2) + " Vault  [password, max 3, 32 kb/s]",
                "  #" + (ops.get("id").asLong() + 3) + " Archive  [32 kb/s]");

        List<JsonNode> rooms = Json.lines(admin.run("rooms", "--json").ok().out());
        assertThat(rooms).extracting(room -> room.get("name").asText()).containsExactly("Lobby", "Ops", "Team A", "Vault", "Archive");
        JsonNode vault = rooms.get(3);
        assertThat(vault.get("hasPassword").asBoolean()).isTrue();
        assertThat(vault.get("maxUsers").asInt()).isEqualTo(3);
        assertThat(vault.get("depth").asInt()).isEqualTo(2);
        assertThat(vault.get("online").asInt()).isZero();
        assertThat(rooms.get(0).has("parent")).isFalse();
        assertThat(rooms.get(2).get("minRole").asText()).isEqualTo("member");
        assertThat(rooms).allSatisfy(room -> assertThat(room.get("echo").asBoolean()).isFalse());

        admin.run("room", "rename", "team a", "Team Alpha").ok();
        admin.run("room", "move", "Team Alpha", "--parent", "archive").ok();
        admin.run("room", "delete", "VAULT").ok();
        assertThat(Json.lines(admin.run("rooms", "--json").ok().out()))
                .extracting(room -> room.get("name").asText() + "<" + room.path("parent").asLong())
                .containsExactly("Lobby<0", "Ops<1", "Archive<1", "Team Alpha<" + (ops.get("id").asLong() + 3));

        JsonNode booth = Json.object(admin.run("room", "create", "Mic Test", "--echo", "--parent", "Ops", "--json").ok().out());
        assertThat(booth.get("echo").asBoolean()).isTrue();
        assertThat(admin.run("rooms").ok().lines()).contains("    #" + booth.get("id") + " Mic Test  [echo, 32 kb/s]");
        assertThat(Json.lines(admin.run("rooms", "--json").ok().out()))
                .filteredOn(room -> room.get("echo").asBoolean())
                .extracting(room -> room.get("name").asText()).containsExactly("Mic Test");

        admin.run("room", "create", "ops").fails(9, "name_taken");
        admin.run("room", "create", "Music", "--bitrate", "5").fails(9, "bad_request");
        admin.run("room", "delete", "Lobby").fails(5, "forbidden");
        admin.run("room", "rename", "Nowhere", "Somewhere").fails(4, "unknown_room");
        admin.run("room", "move", "Ops", "--parent", "999").fails(4, "unknown_room");
        admin.run("room", "create", "Solo", "--min-role", "boss").fails(2, "usage");
        admin.run("room").fails(2, "usage");
        as(memberToken).run("room", "create", "Mine").fails(5, "forbidden");
    }

    @Test
    void usersListsWhoIsOnlineAndWhereButNotTheCommandItself() throws Exception {
        Cli member = as(memberToken);
        ChatConnection rootOnline = server.connectWithToken(adminToken);
        try {
            long lounge = Json.object(as(adminToken).run("room", "create", "Lounge", "--json").ok().out()).get("id").asLong();
            rootOnline.request(id -> new Request.Join(id, lounge, null), Reply.Ok.class).get(10, TimeUnit.SECONDS);

            assertThat(member.run("users").ok().lines()).containsExactly(String.format("%-32s %-10s %s", "root", "admin", "Lounge"));
            JsonNode root = Json.object(member.run("users", "--room", "lounge", "--json").ok().out());
            assertThat(root.get("name").asText()).isEqualTo("root");
            assertThat(root.get("role").asText()).isEqualTo("admin");
            assertThat(root.get("room").asLong()).isEqualTo(lounge);
            assertThat(root.get("roomName").asText()).isEqualTo("Lounge");
            assertThat(root.get("session").asLong()).isPositive();
            assertThat(member.run("users", "--room", "Lobby").ok().out()).isEmpty();
            assertThat(Json.lines(member.run("rooms", "--json").ok().out()))
                    .filteredOn(room -> room.get("name").asText().equals("Lounge"))
                    .singleElement().satisfies(room -> assertThat(room.get("online").asInt()).isEqualTo(1));
            member.run("users", "--room", "Nowhere").fails(4, "unknown_room");
        } finally {
            rootOnline.close().get(10, TimeUnit.SECONDS);
        }
    }
}
