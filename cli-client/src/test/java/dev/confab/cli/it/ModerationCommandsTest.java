package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kick, ban, unban, bans and role, through real processes against a real server. */
class ModerationCommandsTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String adminToken;
    static String moderatorToken;
    static String memberToken;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        adminToken = server.tokenFor(server.createUser("chief", Role.ADMIN));
        moderatorToken = server.tokenFor(server.createUser("mod", Role.MODERATOR));
        memberToken = server.tokenFor(server.createUser("troll", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli as(String token) {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    @Test
    void kickDisconnectsSomeoneOnlineWhomTheModeratorOutranks() throws Exception {
        Cli mod = as(moderatorToken);
        ChatConnection troll = server.connectWithToken(memberToken);
        mod.run("kick", "TROLL", "--reason", "cool off").ok();
        troll.closeFuture().get(10, TimeUnit.SECONDS);

        mod.run("kick", "troll").fails(4, "unknown_user");
        ChatConnection chief = server.connectWithToken(adminToken);
        try {
            mod.run("kick", "chief").fails(5, "forbidden");
        } finally {
            chief.close().get(10, TimeUnit.SECONDS);
        }
        as(memberToken).run("kick", "mod").fails(5, "forbidden");
    }

    @Test
    void bansKeepAnAccountOutForTheirDurationUntilLifted() {
        Cli mod = as(moderatorToken);
        JsonNode ban = Json.object(mod.run("ban", "troll", "--for", "10m", "--reason", "spam", "--json").ok().out());
        assertThat(ban.get("userName").asText()).isEqualTo("troll");
        assertThat(ban.get("reason").asText()).isEqualTo("spam");
        assertThat(ban.get("by").asText()).isEqualTo("mod");
        assertThat(ban.get("expires").asLong() - ban.get("created").asLong()).isEqualTo(600_000);
        assertThat(ban.has("ip")).isFalse();

        as(memberToken).run("whoami").fails(3, "banned");

        JsonNode address = Json.object(mod.run("ban", "--ip", "203.0.113.7", "--for", "1h30m", "--json").ok().out());
        assertThat(address.get("expires").asLong() - address.get("created").asLong()).isEqualTo(5_400_000);
        mod.run("ban", "troll", "--ip", "203.0.113.8").fails(2, "usage");
        mod.run("ban").fails(2, "usage");
        mod.run("ban", "--ip", "not-an-address").fails(9, "bad_request");
        mod.run("ban", "nobody").fails(4, "unknown_user");

        List<String> table = mod.run("bans").ok().lines();
        assertThat(table.get(0)).startsWith("ID").contains("BANNED").contains("UNTIL");
        assertThat(table).anySatisfy(row -> assertThat(row).contains("troll").endsWith("spam"));
        assertThat(table).anySatisfy(row -> assertThat(row).contains("ip 203.0.113.7"));
        assertThat(Json.lines(mod.run("bans", "--json").ok().out())).hasSize(2);

        mod.run("unban", ban.get("id").asText()).ok();
        assertThat(as(memberToken).run("whoami").ok().out()).startsWith("troll (member)");
        mod.run("unban", ban.get("id").asText()).fails(4, "not_found");
        as(memberToken).run("bans").fails(5, "forbidden");
    }

    @Test
    void adminsChangeRoles() {
        Cli chief = as(adminToken);
        server.address();
        chief.run("role", "troll", "moderator").ok();
        assertThat(as(memberToken).run("whoami").ok().out()).startsWith("troll (moderator)");
        chief.run("role", "troll", "member").ok();
        as(moderatorToken).run("role", "troll", "admin").fails(5, "forbidden");
        chief.run("role", "troll", "emperor").fails(2, "usage");
    }
}
