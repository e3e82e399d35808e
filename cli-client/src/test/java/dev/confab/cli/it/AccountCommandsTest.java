package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.protocol.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** register, login, logout, whoami and token, through real processes against a real server. */
class AccountCommandsTest {

    @TempDir
    static Path serverData;
    static CliServer server;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        server.createUser("dora", Role.MEMBER);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void registerStoresAPrivateLoginThatLaterCommandsUseUntilLogout() throws Exception {
        Cli cli = new Cli(home);
        assertThat(cli.runWithInput("carol's password\n", "--server", server.address(), "register", "carol",
                "--password-stdin").ok().lines()).containsExactly("logged in to " + server.address() + " as carol (member)");

        Path credentials = cli.configDir().resolve("confab-cli.credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        String stored = Files.readString(credentials);
        assertThat(stored).contains(server.address() + " carol ").contains("cft_");
        assertThat(Files.readString(cli.configDir().resolve("confab-cli.conf"))).contains("server = " + server.address());
        assertThat(Files.readString(cli.configDir().resolve("known_servers")))
                .isEqualTo(server.address() + " " + server.fingerprint() + "\n");

        // No --server and no CONFAB_SERVER: the server comes from the config file login wrote.
        assertThat(cli.run("whoami").ok().out()).isEqualTo("carol (member) on " + server.address() + "\n");
        JsonNode me = Json.object(cli.run("whoami", "--json").ok().out());
        assertThat(me.get("name").asText()).isEqualTo("carol");
        assertThat(me.get("role").asText()).isEqualTo("member");
        assertThat(me.get("server").asText()).isEqualTo(server.address());
        assertThat(me.get("id").asLong()).isPositive();

        List<JsonNode> tokens = Json.lines(cli.run("token", "list", "--json").ok().out());
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).get("label").asText()).startsWith("confab-cli");
        assertThat(tokens.get(0).has("secret")).isFalse();

        String secret = stored.lines().filter(line -> line.startsWith(server.address())).findFirst().orElseThrow().split(" ")[3];
        assertThat(cli.run("logout").ok().out()).isEqualTo("logged out of " + server.address() + "\n");
        assertThat(Files.readString(credentials)).doesNotContain(secret);
        cli.run("whoami").fails(3, "not_logged_in");
        // The stored token was revoked, not just forgotten.
        cli.with("CONFAB_TOKEN", secret).run("whoami").fails(3, "bad_credentials");
    }

    @Test
    void loginChecksThePasswordAndLogsInAgainWithoutPilingUpTokens() {
        Cli cli = new Cli(home).with("CONFAB_SERVER", server.address());
        cli.runWithInput("not the password\n", "login", "dora", "--password-stdin").fails(3, "bad_credentials");
        assertThat(cli.configDir().resolve("confab-cli.credentials")).doesNotExist();
        // No terminal to prompt on, and no --password-stdin.
        cli.run("login", "dora").fails(2, "usage");

        JsonNode first = Json.object(cli.runWithInput(CliServer.PASSWORD + "\n", "login", "dora", "--password-stdin",
                "--json", "--label", "laptop").ok().out());
        assertThat(first.get("name").asText()).isEqualTo("dora");
        assertThat(first.get("label").asText()).isEqualTo("laptop");
        cli.runWithInput(CliServer.PASSWORD + "\n", "login", "dora", "--password-stdin").ok();
        // The second login replaced the first one's token.
        List<JsonNode> tokens = Json.lines(cli.run("token", "list", "--json").ok().out());
        assertThat(tokens).extracting(token -> token.get("id").asLong()).doesNotContain(first.get("tokenId").asLong());
    }

    @Test
    void tokensAreCreatedListedAndRevokedAndCONFAB_TOKENLogsIn() throws Exception {
        Cli cli = new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", server.tokenFor("dora"));
        String secret = cli.run("token", "create", "--label", "ci").ok().out().strip();
        assertThat(secret).startsWith("cft_").hasSize(47);

        Cli ci = new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", secret);
        assertThat(ci.run("whoami").ok().out()).startsWith("dora (member)");

        List<String> table = cli.run("token", "list").ok().lines();
        assertThat(table.get(0)).startsWith("ID").contains("LABEL");
        assertThat(table).anySatisfy(row -> assertThat(row).endsWith(" ci"));
        long ciId = Json.lines(cli.run("token", "list", "--json").ok().out()).stream()
                .filter(token -> token.get("label").asText().equals("ci")).findFirst().orElseThrow().get("id").asLong();

        JsonNode created = Json.object(cli.run("token", "create", "--json").ok().out());
        assertThat(created.get("label").asText()).isEqualTo("token");
        assertThat(created.get("secret").asText()).startsWith("cft_");

        cli.run("token", "revoke", String.valueOf(ciId)).ok();
        ci.run("whoami").fails(3, "bad_credentials");
        cli.run("token", "revoke", String.valueOf(ciId)).fails(4, "not_found");
        cli.run("token").fails(2, "usage");
    }
}
