package dev.confab.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.app.ClientCommand;
import dev.confab.client.app.ClientState;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.tui.input.SlashCommands.Local;
import dev.confab.tui.input.SlashCommands.LocalAction;
import dev.confab.tui.input.SlashCommands.Submit;
import dev.confab.tui.input.SlashCommands.Usage;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What each line means, and that no line breaks the parser or gets more than one line of error. */
class SlashCommandsTest {

    private static final ClientState OFFLINE = ClientState.INITIAL;

    private static Object parse(String line) {
        SlashCommands.Parsed p = SlashCommands.parse(line, OFFLINE);
        return p instanceof Submit s ? s.command() : p;
    }

    @Test
    void linesMeanWhatTheHelpSays() {
        assertThat(parse("hello")).isEqualTo(new ClientCommand.Say("hello"));
        assertThat(parse("//etc/hosts is a file")).isEqualTo(new ClientCommand.Say("/etc/hosts is a file"));
        assertThat(parse("/join Team Room")).isEqualTo(new ClientCommand.Join("Team Room", null));
        assertThat(parse("/create Ops Talk in Team Room")).isEqualTo(new ClientCommand.CreateRoom("Ops Talk", "Team Room"));
        assertThat(parse("/create Den")).isEqualTo(new ClientCommand.CreateRoom("Den", null));
        assertThat(parse("/rename Old Room -> New Room")).isEqualTo(new ClientCommand.RenameRoom("Old Room", "New Room"));
        assertThat(parse("/msg bob see you at 3")).isEqualTo(new ClientCommand.Direct("bob", "see you at 3"));
        assertThat(parse("/me waves")).isEqualTo(new ClientCommand.Act("waves"));
        assertThat(parse("/mute")).as("toggles from the state").isEqualTo(new ClientCommand.SetMuted(true));
        assertThat(parse("/deafen off")).isEqualTo(new ClientCommand.SetDeafened(false));
        assertThat(parse("/vol bob 150%")).isEqualTo(new ClientCommand.Volume("bob", 150));
        assertThat(parse("/ptt vad")).isEqualTo(new ClientCommand.Mode(TransmitMode.VOICE_ACTIVATED));
        assertThat(parse("/ptt toggle")).isEqualTo(new Local(LocalAction.PTT_TOGGLE, null));
        assertThat(parse("/whisper")).isEqualTo(new ClientCommand.Whisper(null));
        assertThat(parse("/kick bob spam")).isEqualTo(new ClientCommand.Kick("bob", "spam"));
        assertThat(parse("/ban bob 2h flooding the room")).isEqualTo(new ClientCommand.Ban("bob", "flooding the room",
                Duration.ofHours(2)));
        assertThat(parse("/ban bob for good")).isEqualTo(new ClientCommand.Ban("bob", "for good", null));
        assertThat(parse("/input portaudio:pulse")).isEqualTo(new ClientCommand.Input("portaudio", "pulse"));
        assertThat(parse("/output default")).isEqualTo(new ClientCommand.Output(null, null));
        assertThat(parse("/chaos loss=10,jitter=30")).isEqualTo(new ClientCommand.Chaos(new ChaosSettings(10, 0, 30, 0)));
        assertThat(parse("/dump off")).isEqualTo(new ClientCommand.Dump(null));
        assertThat(parse("/connect confab://host:7700/Lobby")).isEqualTo(new Local(LocalAction.CONNECT,
                "confab://host:7700/Lobby"));
        assertThat(parse("/QUIT")).isEqualTo(new Local(LocalAction.QUIT, null));
    }

    @Test
    void mistakesGetTheUsage() {
        assertThat(parse("/frobnicate")).isEqualTo(new Usage("unknown command /frobnicate (/help lists them)"));
        assertThat(parse("/vol bob loud")).isEqualTo(new Usage("'loud' is not a percentage; usage: /vol PERSON PERCENT"));
        assertThat(parse("/vol bob 300")).isInstanceOf(Usage.class);
        assertThat(parse("/rename Den")).isEqualTo(new Usage("put -> between the room and its new name; usage: "
                + "/rename ROOM -> NEW NAME"));
        assertThat(parse("/chaos loss=500")).isInstanceOf(Usage.class);
        assertThat(parse("/msg bob")).isInstanceOf(Usage.class);
        assertThat(SlashCommands.help("vol")).containsExactly("/vol PERSON PERCENT  a person's volume, 0 to 200 %");
        assertThat(SlashCommands.help(null)).hasSize(SlashCommands.COMMANDS.size());
    }

    @Property(tries = 3000)
    void anyLineParsesWithoutThrowingAndErrorsAreOneLine(@ForAll("lines") String line) {
        SlashCommands.Parsed p = SlashCommands.parse(line, OFFLINE);
        if (p instanceof Usage u) {
            assertThat(u.message()).isNotBlank().doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> command = Arbitraries.of(SlashCommands.COMMANDS).map(s -> "/" + s.name());
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
                Arbitraries.of("->", "in", "on", "off", "2h", "150%", "loss=5", "portaudio:x", " ", "/"));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Combinators.combine(command, word.list().ofMaxSize(5))
                        .as((c, w) -> c + " " + String.join(" ", w)));
    }
}
