package dev.confab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's --help, in-process: the process-level tests check the wiring of a few. */
class HelpTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ConfabCli.run(args, Map.of(), new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "register", "login", "logout", "whoami", "token", "token create", "token list",
            "token revoke", "rooms", "room", "room create", "room rename", "room move", "room delete", "users", "send",
            "dm", "history", "tail", "kick", "ban", "unban", "bans", "mute", "unmute", "role", "server", "server stats",
            "ping", "completion"})
    void everyCommandsHelpEndsWithAnExampleAfterTheExitCodes(String command) {
        String[] args = (command + " --help").strip().split(" ");
        Run help = run(args);
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("Usage: confab-cli " + command)
                .contains("Exit codes:\n    0   success")
                .contains("    9   refused by the server")
                .containsPattern("Example:\n  \\S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"send --room", "nope", "rooms --nope", "room create", "history --room x --limit x", "server",
            "server nope", "mute", "unmute a b", "ping --voice-endpoint 127.0.0.1", "ping --voice-endpoint host:port",
            "ping --voice-endpoint ::1:7700", "ping --count x"})
    void usageErrorsAreOneLineWithExitCode2(String command) {
        Run failed = run(command.split(" "));
        assertThat(failed.exit()).isEqualTo(2);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.err()).startsWith("confab-cli: usage: ").endsWith("--help')\n");
        assertThat(failed.err().strip()).doesNotContain("\n");
    }

    @Test
    void completionIsGeneratedFromTheWholeCommandTree() {
        Run completion = run("completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("function _picocli_confab-cli_mute()", "function _picocli_confab-cli_unmute()",
                "function _picocli_confab-cli_server()", "function _picocli_confab-cli_server_stats()", "=(server stats)",
                "function _picocli_confab-cli_ping()", "--voice-endpoint");
    }
}
