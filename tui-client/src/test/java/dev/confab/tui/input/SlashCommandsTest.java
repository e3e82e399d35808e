package dev.confab.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.app.ClientCommand;
import dev.confab.client.app.ClientState;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.tui.input.SlashCommands.Local;
import dev.confab.tui.input.SlashCommands.LocalAction;
import dev.confab.tui.input.SlashCommands.Spec;
import dev.confab.tui.input.SlashCommands.Submit;
import dev.confab.tui.input.SlashCommands.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** What each line means, that mistakes say how to type the command, and that no line breaks the parser. */
class SlashCommandsTest {

    private static final ClientState OFFLINE = ClientState.INITIAL;

    /** Voice on, muted, deafened and in the microphone test. */
    private static final ClientState ALL_ON = new ClientState(ClientState.Phase.ONLINE, "h:1", null, null, List.of(),
            List.of(), Map.of(), null, List.of(), new EngineState(null, null, null, null, 0, TransmitMode.CONTINUOUS,
                    true, true, true, 0, 100, null, null, null, List.of(), null, null), 1);

    private static Object parse(String line) {
        return parse(line, OFFLINE);
    }

    private static Object parse(String line, ClientState state) {
        SlashCommands.Parsed p = SlashCommands.parse(line, state);
        return p instanceof Submit s ? s.command() : p;
    }

    @Test
    void plainTextIsSaidAndADoubleSlashSaysASlash() {
        assertThat(parse("hello")).isEqualTo(new ClientCommand.Say("hello"));
        assertThat(parse(" /join x")).as("only a slash that starts the line").isEqualTo(new ClientCommand.Say(" /join x"));
        assertThat(parse("//etc/hosts is a file")).isEqualTo(new ClientCommand.Say("/etc/hosts is a file"));
        assertThat(parse("   ")).isEqualTo(new Local(LocalAction.NOTHING, null));
    }

    @Test
    void roomsTakeTheRestOfTheLineAndSeparatorsNamesCannotHold() {
        assertThat(parse("/join Team Room")).isEqualTo(new ClientCommand.Join("Team Room", null));
        assertThat(parse("/JOIN   Lobby  ")).as("any case, spaces around").isEqualTo(new ClientCommand.Join("Lobby", null));
        assertThat(parse("/create Den")).isEqualTo(new ClientCommand.CreateRoom("Den", null));
        assertThat(parse("/create Sit in Chat")).as("'in' is part of a name").isEqualTo(
                new ClientCommand.CreateRoom("Sit in Chat", null));
        assertThat(parse("/create Team Room / Ops Talk")).isEqualTo(new ClientCommand.CreateRoom("Ops Talk", "Team Room"));
        assertThat(parse("/create Team/Ops/Night")).as("a path names the parent by its last step")
                .isEqualTo(new ClientCommand.CreateRoom("Night", "Ops"));
        assertThat(parse("/rename Old Room -> New Room")).isEqualTo(new ClientCommand.RenameRoom("Old Room", "New Room"));
        assertThat(parse("/rename A-Team->B-Team")).as("a dash alone is not the arrow")
                .isEqualTo(new ClientCommand.RenameRoom("A-Team", "B-Team"));
        assertThat(parse("/delete Old Room")).isEqualTo(new ClientCommand.DeleteRoom("Old Room"));
    }

    @Test
    void peopleAreOneWordAndTextIsTheRest() {
        assertThat(parse("/msg bob see you  at 3")).isEqualTo(new ClientCommand.Direct("bob", "see you  at 3"));
        assertThat(parse("/me waves")).isEqualTo(new ClientCommand.Act("waves"));
        assertThat(parse("/kick bob spam")).isEqualTo(new ClientCommand.Kick("bob", "spam"));
        assertThat(parse("/kick bob")).isEqualTo(new ClientCommand.Kick("bob", null));
        assertThat(parse("/whisper bob")).isEqualTo(new ClientCommand.Whisper("bob"));
        assertThat(parse("/whisper")).as("alone: stop").isEqualTo(new ClientCommand.Whisper(null));
        assertThat(parse("/vol bob 150%")).isEqualTo(new ClientCommand.Volume("bob", 150));
        assertThat(parse("/vol bob 0")).isEqualTo(new ClientCommand.Volume("bob", 0));
        assertThat(parse("/nick Bobby B ")).isEqualTo(new ClientCommand.Nick("Bobby B"));
        assertThat(parse("/nick")).isEqualTo(new ClientCommand.Nick(null));
    }

    @Test
    void banReadsDurationsAsTheCliDoes() {
        assertThat(parse("/ban bob")).isEqualTo(new ClientCommand.Ban("bob", null, null));
        assertThat(parse("/ban bob 2h flooding the room")).isEqualTo(new ClientCommand.Ban("bob", "flooding the room",
                Duration.ofHours(2)));
        assertThat(parse("/ban bob 1H30m")).isEqualTo(new ClientCommand.Ban("bob", null, Duration.ofMinutes(90)));
        assertThat(parse("/ban bob for good")).isEqualTo(new ClientCommand.Ban("bob", "for good", null));
        assertThat(parse("/ban bob 2w")).isEqualTo(new ClientCommand.Ban("bob", null, Duration.ofDays(14)));
        assertThat(SlashCommands.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SlashCommands.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(parse("/ban bob 0m")).isEqualTo(new Usage("'0m' must be more than 0 and at most 100 years"
                + " (leave the duration out to ban for good); usage: /ban PERSON [DURATION] [REASON]"));
        assertThat(parse("/ban bob 99999w")).as("over 100 years").isInstanceOf(Usage.class);
        assertThat(parse("/ban bob 1234567890s")).as("ten digits, as the CLI").isInstanceOf(Usage.class);
        assertThat(parse("/ban bob 5000w5000w")).as("parts add up to over 100 years").isInstanceOf(Usage.class);
    }

    @Test
    void switchesFlipTheVoiceStateWhenAlone() {
        assertThat(parse("/mute")).isEqualTo(new ClientCommand.SetMuted(true));
        assertThat(parse("/mute", ALL_ON)).isEqualTo(new ClientCommand.SetMuted(false));
        assertThat(parse("/deafen", ALL_ON)).isEqualTo(new ClientCommand.SetDeafened(false));
        assertThat(parse("/echo", ALL_ON)).isEqualTo(new ClientCommand.Echo(false));
        assertThat(parse("/echo")).isEqualTo(new ClientCommand.Echo(true));
        assertThat(parse("/mute ON", ALL_ON)).isEqualTo(new ClientCommand.SetMuted(true));
        assertThat(parse("/deafen off")).isEqualTo(new ClientCommand.SetDeafened(false));
    }

    @Test
    void pttModes() {
        assertThat(parse("/ptt hold")).isEqualTo(new Local(LocalAction.PTT_HOLD, null));
        assertThat(parse("/ptt Toggle")).isEqualTo(new Local(LocalAction.PTT_TOGGLE, null));
        assertThat(parse("/ptt vad")).isEqualTo(new ClientCommand.Mode(TransmitMode.VOICE_ACTIVATED));
        assertThat(parse("/ptt continuous")).isEqualTo(new ClientCommand.Mode(TransmitMode.CONTINUOUS));
        assertThat(parse("/ptt loud")).isEqualTo(new Usage("there is no mode 'loud'; usage: /ptt hold|toggle|vad|continuous"));
    }

    @Test
    void devicesAndDeveloperTools() {
        assertThat(parse("/devices")).isEqualTo(new ClientCommand.ListDevices());
        assertThat(parse("/input portaudio:pulse")).isEqualTo(new ClientCommand.Input("portaudio", "pulse"));
        assertThat(parse("/input PortAudio:default")).isEqualTo(new ClientCommand.Input("portaudio", null));
        assertThat(parse("/input hw:0,0")).as("not a backend: a device name with a colon")
                .isEqualTo(new ClientCommand.Input(null, "hw:0,0"));
        assertThat(parse("/input javasound:Headset: USB Audio")).isEqualTo(
                new ClientCommand.Input("javasound", "Headset: USB Audio"));
        assertThat(parse("/output default")).isEqualTo(new ClientCommand.Output(null, null));
        assertThat(parse("/output wav:")).isEqualTo(new ClientCommand.Output("wav", null));
        assertThat(parse("/chaos loss=10,jitter=30")).isEqualTo(new ClientCommand.Chaos(new ChaosSettings(10, 0, 30, 0)));
        assertThat(parse("/chaos off")).isEqualTo(new ClientCommand.Chaos(ChaosSettings.OFF));
        assertThat(parse("/dump /tmp/audio dumps")).isEqualTo(new ClientCommand.Dump(Path.of("/tmp/audio dumps")));
        assertThat(parse("/dump OFF")).isEqualTo(new ClientCommand.Dump(null));
    }

    @Test
    void localActions() {
        assertThat(parse("/connect confab://host:7700/Team Room")).isEqualTo(new Local(LocalAction.CONNECT,
                "confab://host:7700/Team Room"));
        assertThat(parse("/login bob")).isEqualTo(new Local(LocalAction.LOGIN, "bob"));
        assertThat(parse("/register bob")).isEqualTo(new Local(LocalAction.REGISTER, "bob"));
        assertThat(parse("/disconnect")).isEqualTo(new ClientCommand.Disconnect());
        assertThat(parse("/help")).isEqualTo(new Local(LocalAction.HELP, null));
        assertThat(parse("/help /VOL")).isEqualTo(new Local(LocalAction.HELP, "vol"));
        assertThat(parse("/QUIT")).isEqualTo(new Local(LocalAction.QUIT, null));
    }

    @Test
    void mistakesSayWhatIsWrongAndHowToTypeIt() {
        assertThat(parse("/frobnicate now")).isEqualTo(new Usage("unknown command /frobnicate (/help lists them)"));
        assertThat(parse("/")).isEqualTo(new Usage("unknown command / (/help lists them)"));
        assertThat(parse("/vol bob loud")).isEqualTo(new Usage("'loud' is not a percentage; usage: /vol PERSON PERCENT"));
        assertThat(parse("/vol bob 201")).isEqualTo(new Usage("the volume is 0 to 200 %, not 201; usage: /vol PERSON PERCENT"));
        assertThat(parse("/vol bob")).isEqualTo(new Usage("give a person and a percentage; usage: /vol PERSON PERCENT"));
        assertThat(parse("/rename Den")).isEqualTo(new Usage("put -> between the room and its new name; usage: "
                + "/rename ROOM -> NEW NAME"));
        assertThat(parse("/rename Den ->")).isEqualTo(new Usage("give a new name after the ->; usage: "
                + "/rename ROOM -> NEW NAME"));
        assertThat(parse("/create Team/")).isEqualTo(new Usage("give a name after the /; usage: /create [PARENT/]NAME"));
        assertThat(parse("/join")).isEqualTo(new Usage("give a room; usage: /join ROOM"));
        assertThat(parse("/msg bob")).isEqualTo(new Usage("give a text; usage: /msg PERSON TEXT"));
        assertThat(parse("/whisper bob alice")).isEqualTo(new Usage("give a person, one word; usage: /whisper [PERSON]"));
        assertThat(parse("/mute maybe")).isEqualTo(new Usage("say on or off, not 'maybe'; usage: /mute [on|off]"));
        assertThat(parse("/quit now")).isEqualTo(new Usage("it takes no arguments; usage: /quit"));
        assertThat(parse("/help frob")).isEqualTo(new Usage("there is no command /frob; usage: /help [COMMAND]"));
        assertThat(parse("/chaos loss=500")).isInstanceOf(Usage.class);
        assertThat(parse("/dump a\u0000b")).as("an invalid path").isInstanceOf(Usage.class);
        assertThat(((Usage) parse("/vol bob " + "9".repeat(100))).message())
                .as("what was typed is shortened").hasSizeLessThan(120).contains("…");
    }

    @Test
    void helpListsTheTableLinedUp() {
        assertThat(SlashCommands.help("vol")).containsExactly("/vol PERSON PERCENT  a person's volume for you, 0 to 200 %");
        assertThat(SlashCommands.help("nope")).containsExactly("unknown command /nope (/help lists them)");
        List<String> all = SlashCommands.help(null);
        assertThat(all).hasSize(SlashCommands.COMMANDS.size());
        String join = all.stream().filter(line -> line.startsWith("/join ")).findFirst().orElseThrow();
        int column = join.length() - SlashCommands.find("join").help().length();
        assertThat(column).isLessThanOrEqualTo(34);
        for (int i = 0; i < all.size(); i++) {
            Spec spec = SlashCommands.COMMANDS.get(i);
            assertThat(all.get(i)).startsWith(spec.usage()).endsWith("  " + spec.help());
            if (spec.usage().length() + 2 <= column) {
                assertThat(all.get(i).substring(column)).as("help starts in one column").isEqualTo(spec.help());
            }
        }
        assertThat(all).as("a long usage does not push the others right")
                .anyMatch(line -> line.startsWith("/chaos") && line.indexOf("  ") > column);
    }

    @Test
    void everyCommandInTheTableIsParsed() {
        for (Spec spec : SlashCommands.COMMANDS) {
            assertThat(SlashCommands.parse("/" + spec.name() + " x", OFFLINE)).as(spec.name()).isNotNull();
            assertThat(SlashCommands.parse("/" + spec.name(), ALL_ON)).as(spec.name()).isNotNull();
        }
    }

    @Property(tries = 3000)
    void anyLineParsesWithoutThrowingAndErrorsAreOneLine(@ForAll("lines") String line) {
        for (ClientState state : List.of(OFFLINE, ALL_ON)) {
            SlashCommands.Parsed p = SlashCommands.parse(line, state);
            assertThat(p).isNotNull();
            if (p instanceof Usage u) {
                assertThat(u.message()).isNotBlank();
                assertThat(u.message().codePoints()).noneMatch(LineEditor::breaksLine);
            }
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> command = Arbitraries.of(SlashCommands.COMMANDS).map(s -> "/" + s.name());
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
                Arbitraries.strings().withChars("\n\r\t\u2028 /:->0123456789smhdw%").ofMaxLength(8),
                Arbitraries.of("->", "/", "in", "on", "off", "2h", "1h30m", "0s", "150%", "-1", "loss=5", "loss=x",
                        "portaudio:", "portaudio:x", "default", " ", "\n", "\u0000"));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Combinators.combine(command, word.list().ofMaxSize(5))
                        .as((c, w) -> c + " " + String.join(" ", w)));
    }
}
