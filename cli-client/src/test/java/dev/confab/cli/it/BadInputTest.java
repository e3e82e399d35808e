package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Fingerprints;
import dev.confab.protocol.Role;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes a script or a person makes, and trouble on the way to the server: each is one clear
 * line on stderr and the documented exit code, never a stack trace.
 */
class BadInputTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String token;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        token = server.tokenFor(server.createUser("user", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli cli() {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    @Test
    void unknownCommandsFlagsAndValuesAreUsageErrors() {
        cli().run("sendd", "--room", "x").fails(2, "usage")
                .mentions("Unmatched argument", "did you mean send", "confab-cli --help");
        cli().run("send", "--room", "Lobby", "--rooom", "x", "hi").fails(2, "usage").mentions("'--rooom'", "confab-cli send --help");
        cli().run("send", "hi").fails(2, "usage").mentions("--room");
        cli().run("history", "--room", "Lobby", "--limit", "many").fails(2, "usage");
        cli().run("ban", "user", "--for", "10x").fails(2, "usage").mentions("invalid duration '10x'");
        cli().run("ban", "user", "--for", "0m").fails(2, "usage");
        cli().run("tail", "--room", "Lobby", "-n", "501").fails(2, "usage");
        cli().run().fails(2, "usage");
        cli().run("--trust", "SHA256:nope", "whoami").fails(2, "usage").mentions("not a fingerprint");
        cli().with("CONFAB_SERVER", "host:port:extra").run("whoami").fails(2, "usage");
    }

    @Test
    void aMissingServerOrLoginSaysHowToGiveOne() {
        Cli nowhere = new Cli(home);
        nowhere.run("whoami").fails(2, "usage").mentions("--server", "CONFAB_SERVER", "confab-cli.conf");
        nowhere.with("CONFAB_SERVER", server.address()).run("whoami").fails(3, "not_logged_in")
                .mentions("confab-cli login", "CONFAB_TOKEN");
        cli().with("CONFAB_TOKEN", "cft_thisIsNotAValidTokenAtAllxxxxxxxxxxxxxxxxxxxx").run("whoami").fails(3, "bad_credentials")
                .mentions("CONFAB_TOKEN");
    }

    @Test
    void aMissingRoomIsNotFound() {
        cli().run("send", "--room", "nowhere", "hi").fails(4, "unknown_room").mentions("'nowhere'");
        cli().run("history", "--room", "4242").fails(4, "unknown_room");
        cli().run("tail", "--room", "nowhere").fails(4, "unknown_room");
    }

    @Test
    void anUnreachableServerIsANetworkError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        cli().with("CONFAB_SERVER", "127.0.0.1:" + closedPort).run("whoami").fails(6, "network")
                .mentions("cannot connect to 127.0.0.1:" + closedPort, "refused");
        cli().with("CONFAB_SERVER", "no-such-host.invalid").run("whoami").fails(6, "network");
    }

    @Test
    void aChangedFingerprintIsRefusedAndAGivenOneIsPinned() throws Exception {
        Cli cli = cli();
        Path knownServers = cli.configDir().resolve("known_servers");
        Files.createDirectories(cli.configDir());
        String impostor = Fingerprints.of(new byte[] {1, 2, 3});
        Files.writeString(knownServers, server.address() + " " + impostor + "\n");
        cli.run("whoami").fails(8, "fingerprint_mismatch")
                .mentions(impostor, server.fingerprint(), knownServers.toString());
        cli.run("--trust", impostor, "whoami").fails(8, "fingerprint_mismatch");

        // Pinning the right one explicitly replaces the stale pin.
        cli.run("--trust", server.fingerprint(), "whoami").ok();
        assertThat(Files.readString(knownServers)).isEqualTo(server.address() + " " + server.fingerprint() + "\n");
        cli.run("whoami").ok();
        assertThat(cli.with("CONFAB_TRUST", server.fingerprint()).run("whoami").ok().out()).startsWith("user (member)");
    }

    @Test
    void helpShowsAnExampleAndTheExitCodes() {
        Cli cli = new Cli(home);
        assertThat(cli.run("--help").ok().out()).contains("Example:").contains("Exit codes:").contains("send").contains("tail");
        assertThat(cli.run("send", "--help").ok().out()).contains("Example:\n  confab-cli send --room")
                .contains("  6   network");
        assertThat(cli.run("--version").ok().out()).isEqualTo("confab-cli 0.1\n");
    }

    @Test
    void completionPrintsAScriptForBashAndZsh() {
        Cli cli = new Cli(home);
        String script = cli.run("completion").ok().out();
        assertThat(script).contains("complete -F").contains("confab-cli").contains("history").contains("--lines");
        assertThat(cli.run("completion", "zsh").ok().out()).isEqualTo(script).contains("bashcompinit");
        cli.run("completion", "fish").fails(2, "usage");
        assertThat(cli.bash("source <(confab-cli completion bash) && complete -p confab-cli").ok().out()).contains("confab-cli");
    }
}
