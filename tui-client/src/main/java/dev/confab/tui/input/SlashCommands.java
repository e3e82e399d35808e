package dev.confab.tui.input;

import dev.confab.client.app.ClientCommand;
import dev.confab.client.app.ClientState;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input line's commands: a pure function from a line (and the state, for toggles) to what
 * to do. Plain text is said in the conversation viewed; {@code //text} says "/text". Room names
 * may hold spaces, so a command whose last argument is a room or a text takes the rest of the
 * line; {@code /rename} separates the two names with {@code ->} and {@code /create} names the
 * parent after {@code in}.
 */
public final class SlashCommands {

    /** One command for /help and Tab completion. */
    public record Spec(String name, String arguments, String help, Argument completes) {
    }

    /** What an argument names, for completion. */
    public enum Argument { NONE, PERSON, ROOM }

    /** What a line means. */
    public sealed interface Parsed {
    }

    /** Send this to the backend. */
    public record Submit(ClientCommand command) implements Parsed {
    }

    /** Something only the UI does. */
    public record Local(LocalAction action, String argument) implements Parsed {
    }

    /** The line is wrong: say so in the chat pane, one line. */
    public record Usage(String message) implements Parsed {
    }

    public enum LocalAction { CONNECT, LOGIN, REGISTER, NICK, PTT_HOLD, PTT_TOGGLE, HELP, QUIT, NOTHING }

    public static final List<Spec> COMMANDS = List.of(
            new Spec("connect", "[confab://]HOST[:PORT][/ROOM]", "connect to a server (and join a room)", Argument.NONE),
            new Spec("login", "NAME", "log in (the password is asked for next)", Argument.NONE),
            new Spec("register", "NAME", "make an account and log in (the password is asked for next)", Argument.NONE),
            new Spec("join", "ROOM", "go to a room", Argument.ROOM),
            new Spec("create", "NAME [in PARENT]", "make a room (moderators)", Argument.ROOM),
            new Spec("rename", "ROOM -> NEW NAME", "rename a room (moderators)", Argument.ROOM),
            new Spec("delete", "ROOM", "delete a room and its subrooms (moderators)", Argument.ROOM),
            new Spec("msg", "PERSON TEXT", "a direct message", Argument.PERSON),
            new Spec("me", "TEXT", "an action: * you TEXT", Argument.NONE),
            new Spec("nick", "NAME", "your display name", Argument.NONE),
            new Spec("mute", "[on|off]", "stop (or start) sending your voice", Argument.NONE),
            new Spec("deafen", "[on|off]", "hear nobody (and send nothing)", Argument.NONE),
            new Spec("vol", "PERSON PERCENT", "a person's volume, 0 to 200 %", Argument.PERSON),
            new Spec("ptt", "hold|toggle|vad|continuous", "how your voice is sent", Argument.NONE),
            new Spec("whisper", "[PERSON]", "talk to one person only; alone: stop", Argument.PERSON),
            new Spec("kick", "PERSON [REASON]", "disconnect someone (moderators)", Argument.PERSON),
            new Spec("ban", "PERSON [DURATION] [REASON]", "ban an account, e.g. 2h, 7d (moderators)", Argument.PERSON),
            new Spec("devices", "", "list the audio devices", Argument.NONE),
            new Spec("input", "[BACKEND:]DEVICE|default", "capture from another device", Argument.NONE),
            new Spec("output", "[BACKEND:]DEVICE|default", "play to another device", Argument.NONE),
            new Spec("echo", "[on|off]", "microphone test: hear yourself through the server", Argument.NONE),
            new Spec("chaos", "loss=P,delay=MS,jitter=MS,reorder=P|off", "damage your outgoing voice (testing)",
                    Argument.NONE),
            new Spec("dump", "DIR|off", "record the microphone chain into WAV files (testing)", Argument.NONE),
            new Spec("help", "[COMMAND]", "this list", Argument.NONE),
            new Spec("quit", "", "leave", Argument.NONE));

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhdw])");

    private SlashCommands() {
    }

    public static Parsed parse(String line, ClientState state) {
        if (line.isBlank()) {
            return new Local(LocalAction.NOTHING, null);
        }
        if (!line.startsWith("/")) {
            return new Submit(new ClientCommand.Say(line));
        }
        if (line.startsWith("//")) {
            return new Submit(new ClientCommand.Say(line.substring(1)));
        }
        String body = line.substring(1).strip();
        int space = body.indexOf(' ');
        String name = (space < 0 ? body : body.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : body.substring(space + 1).strip();
        Spec spec = COMMANDS.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (spec == null) {
            return new Usage("unknown command /" + name + " (/help lists them)");
        }
        try {
            return parse(spec, rest, state);
        } catch (IllegalArgumentException e) {
            return new Usage(e.getMessage() + "; usage: /" + spec.name() + " " + spec.arguments());
        }
    }

    private static Parsed parse(Spec spec, String rest, ClientState state) {
        return switch (spec.name()) {
            case "connect" -> new Local(LocalAction.CONNECT, required(rest, "a server"));
            case "login" -> new Local(LocalAction.LOGIN, oneWord(rest, "a name"));
            case "register" -> new Local(LocalAction.REGISTER, oneWord(rest, "a name"));
            case "nick" -> new Local(LocalAction.NICK, required(rest, "a name"));
            case "join" -> submit(new ClientCommand.Join(required(rest, "a room"), null));
            case "create" -> create(rest);
            case "rename" -> rename(rest);
            case "delete" -> submit(new ClientCommand.DeleteRoom(required(rest, "a room")));
            case "msg" -> {
                String[] parts = split(rest, "a person and a text");
                yield submit(new ClientCommand.Direct(parts[0], parts[1]));
            }
            case "me" -> submit(new ClientCommand.Act(required(rest, "a text")));
            case "mute" -> submit(new ClientCommand.SetMuted(onOff(rest, state.voice() != null && state.voice().muted())));
            case "deafen" -> submit(new ClientCommand.SetDeafened(onOff(rest,
                    state.voice() != null && state.voice().deafened())));
            case "vol" -> volume(rest);
            case "ptt" -> ptt(rest);
            case "whisper" -> submit(new ClientCommand.Whisper(rest.isEmpty() ? null : oneWord(rest, "a person")));
            case "kick" -> {
                String[] parts = rest.split("\\s+", 2);
                yield submit(new ClientCommand.Kick(required(parts[0], "a person"), parts.length > 1 ? parts[1] : null));
            }
            case "ban" -> ban(rest);
            case "devices" -> submit(new ClientCommand.ListDevices());
            case "input" -> submit(device(rest, true));
            case "output" -> submit(device(rest, false));
            case "echo" -> submit(new ClientCommand.Echo(onOff(rest, state.voice() != null && state.voice().echoTest())));
            case "chaos" -> submit(new ClientCommand.Chaos(ChaosSettings.parse(required(rest, "settings or off"))));
            case "dump" -> submit(new ClientCommand.Dump(required(rest, "a folder or off").equalsIgnoreCase("off") ? null
                    : Path.of(rest)));
            case "help" -> new Local(LocalAction.HELP, rest.isEmpty() ? null : rest);
            case "quit" -> new Local(LocalAction.QUIT, null);
            default -> throw new IllegalStateException(spec.name());
        };
    }

    /** The /help text: every command, or one. */
    public static List<String> help(String command) {
        List<String> out = new ArrayList<>();
        for (Spec s : COMMANDS) {
            if (command == null || s.name().equalsIgnoreCase(command.replaceFirst("^/", ""))) {
                out.add("/" + s.name() + (s.arguments().isEmpty() ? "" : " " + s.arguments()) + "  " + s.help());
            }
        }
        if (out.isEmpty()) {
            out.add("unknown command " + command);
        }
        return out;
    }

    private static Parsed submit(ClientCommand command) {
        return new Submit(command);
    }

    private static Parsed create(String rest) {
        String text = required(rest, "a name");
        int in = text.toLowerCase(Locale.ROOT).lastIndexOf(" in ");
        if (in < 0) {
            return submit(new ClientCommand.CreateRoom(text, null));
        }
        return submit(new ClientCommand.CreateRoom(required(text.substring(0, in).strip(), "a name"),
                required(text.substring(in + 4).strip(), "a parent")));
    }

    private static Parsed rename(String rest) {
        int arrow = rest.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("put -> between the room and its new name");
        }
        return submit(new ClientCommand.RenameRoom(required(rest.substring(0, arrow).strip(), "a room"),
                required(rest.substring(arrow + 2).strip(), "a new name")));
    }

    private static Parsed volume(String rest) {
        String[] parts = rest.split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("give a person and a percentage");
        }
        int percent;
        try {
            percent = Integer.parseInt(parts[1].replace("%", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[1] + "' is not a percentage");
        }
        if (percent < 0 || percent > 200) {
            throw new IllegalArgumentException("the volume must be 0 to 200 %, not " + percent);
        }
        return submit(new ClientCommand.Volume(parts[0], percent));
    }

    private static Parsed ptt(String rest) {
        return switch (rest.toLowerCase(Locale.ROOT)) {
            case "hold" -> new Local(LocalAction.PTT_HOLD, null);
            case "toggle" -> new Local(LocalAction.PTT_TOGGLE, null);
            case "vad" -> submit(new ClientCommand.Mode(TransmitMode.VOICE_ACTIVATED));
            case "continuous" -> submit(new ClientCommand.Mode(TransmitMode.CONTINUOUS));
            default -> throw new IllegalArgumentException("'" + rest + "' is not a mode");
        };
    }

    private static Parsed ban(String rest) {
        String[] parts = rest.split("\\s+", 3);
        String person = required(parts[0], "a person");
        Duration length = null;
        String reason = null;
        if (parts.length > 1) {
            length = duration(parts[1]);
            if (length == null) {
                reason = rest.substring(person.length()).strip();
            } else if (parts.length > 2) {
                reason = parts[2];
            }
        }
        return submit(new ClientCommand.Ban(person, reason, length));
    }

    /** 90s, 10m, 2h, 7d, 1w; null when {@code text} is not one (then it starts the reason). */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static ClientCommand device(String rest, boolean input) {
        String text = required(rest, "a device");
        String backend = null;
        String device = text;
        int colon = text.indexOf(':');
        if (colon > 0 && List.of("javasound", "portaudio", "wav", "null").contains(text.substring(0, colon))) {
            backend = text.substring(0, colon);
            device = text.substring(colon + 1);
        }
        if (device.equalsIgnoreCase("default") || device.isEmpty()) {
            device = null;
        }
        return input ? new ClientCommand.Input(backend, device) : new ClientCommand.Output(backend, device);
    }

    private static boolean onOff(String rest, boolean now) {
        return switch (rest.toLowerCase(Locale.ROOT)) {
            case "" -> !now;
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("say on or off, not '" + rest + "'");
        };
    }

    private static String required(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give " + what);
        }
        return text.strip();
    }

    private static String oneWord(String text, String what) {
        String word = required(text, what);
        if (word.contains(" ")) {
            throw new IllegalArgumentException("give " + what + " without spaces");
        }
        return word;
    }

    private static String[] split(String rest, String what) {
        String[] parts = rest.split("\\s+", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException("give " + what);
        }
        return parts;
    }
}
