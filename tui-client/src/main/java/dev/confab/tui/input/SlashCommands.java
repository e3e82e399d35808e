package dev.confab.tui.input;

import dev.confab.client.app.ClientCommand;
import dev.confab.client.app.ClientState;
import dev.confab.client.chat.BanDurations;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.client.audio.device.AudioBackends;
import dev.confab.client.audio.engine.EngineState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The input line's commands: a pure function from a line (and the state, for the toggles) to
 * what to do. The syntax, and why, is in the {@linkplain dev.confab.tui.input package notes};
 * {@link #COMMANDS} is the one table that {@code /help} and Tab completion read.
 */
public final class SlashCommands {

    /** What an argument is, so that Tab can complete it. */
    public enum Argument {
        /** Nothing to complete: a new name, a number, a folder. */
        NONE,
        /** A command's name, as {@code /help} takes. */
        COMMAND,
        /** An account name: one word (account names have no spaces). */
        PERSON,
        /** A room's name: the rest of the line, or up to the command's separator, spaces and all. */
        ROOM,
        /** One of the command's {@linkplain Spec#choices fixed words}. */
        CHOICE,
        /** Free text: person names complete word by word, as in a chat line. */
        TEXT
    }

    /**
     * One command, for the parser, {@code /help} and Tab completion.
     *
     * @param name      without the slash, lower case
     * @param syntax    the arguments as {@code /help} shows them; empty for none
     * @param help      one line
     * @param first     what the first argument is
     * @param separator what ends a {@link Argument#ROOM} first argument ({@code "/"}, {@code " -> "}), or null
     * @param then      what the rest is, after the first word or the separator
     * @param choices   the words a {@link Argument#CHOICE} takes
     */
    public record Spec(String name, String syntax, String help, Argument first, String separator, Argument then,
                       List<String> choices) {
        public Spec {
            choices = List.copyOf(choices);
        }

        /** How to type it: {@code /vol PERSON PERCENT}. */
        public String usage() {
            return "/" + name + (syntax.isEmpty() ? "" : " " + syntax);
        }
    }

    /** What a line means. */
    public sealed interface Parsed {
    }

    /** Send this to the backend. */
    public record Submit(ClientCommand command) implements Parsed {
    }

    /**
     * Something only the UI does, with its argument or null: connecting resolves the stored login
     * and the trust store, {@code /ptt hold|toggle} set the talk key's mode (and the UI sends
     * {@code Mode(PUSH_TO_TALK)}), display names wait for the server's support.
     */
    public record Local(LocalAction action, String argument) implements Parsed {
    }

    /** The line is wrong: one line that says why and how to type it. */
    public record Usage(String message) implements Parsed {
    }

    public enum LocalAction { CONNECT, TRUST, LOGIN, REGISTER, PTT_HOLD, PTT_TOGGLE, HELP, QUIT, NOTHING }

    /** Where the text before the cursor stands, for Tab: what it is, where it starts, what follows a completion. */
    record Slot(Argument kind, int start, String suffix, List<String> choices) {
        static final Slot NOTHING = new Slot(Argument.NONE, 0, "", List.of());
    }

    private static final List<String> ON_OFF = List.of("on", "off");

    public static final List<Spec> COMMANDS = List.of(
            command("connect", "[confab://]HOST[:PORT][/ROOM]|N", "connect to a server (and join ROOM), or to bookmark N"),
            command("trust", "", "accept the fingerprint of a server met for the first time, and connect"),
            command("login", "NAME", "log in to the server (the password is asked for next)"),
            command("register", "NAME", "make an account on the server and log in (the password is asked for next)"),
            command("disconnect", "", "log out and close the connection"),
            new Spec("join", "ROOM", "go to a room", Argument.ROOM, null, Argument.NONE, List.of()),
            new Spec("create", "[PARENT/]NAME", "make a room, inside PARENT if given (moderators)", Argument.ROOM,
                    "/", Argument.ROOM, List.of()),
            new Spec("rename", "ROOM -> NEW NAME", "rename a room (moderators)", Argument.ROOM, " -> ", Argument.NONE,
                    List.of()),
            new Spec("delete", "ROOM", "delete a room and the rooms inside it (moderators)", Argument.ROOM, null,
                    Argument.NONE, List.of()),
            new Spec("msg", "PERSON TEXT", "a direct message", Argument.PERSON, null, Argument.TEXT, List.of()),
            new Spec("me", "TEXT", "an action: * you TEXT", Argument.TEXT, null, Argument.TEXT, List.of()),
            command("nick", "[NAME]", "the name you are shown by; alone: your account name again"),
            choice("mute", "[on|off]", "stop (or start again) sending your voice; alone: switch", ON_OFF),
            choice("deafen", "[on|off]", "hear nobody and send nothing; alone: switch", ON_OFF),
            new Spec("vol", "PERSON PERCENT", "a person's volume for you, 0 to 200 %", Argument.PERSON, null,
                    Argument.NONE, List.of()),
            choice("ptt", "hold|toggle|vad|continuous", "push-to-talk (hold or toggle the key), voice activation"
                    + " or always on", List.of("hold", "toggle", "vad", "continuous")),
            new Spec("whisper", "[PERSON]", "talk to one person in your room only; alone: stop whispering",
                    Argument.PERSON, null, Argument.NONE, List.of()),
            new Spec("kick", "PERSON [REASON]", "disconnect someone (moderators)", Argument.PERSON, null, Argument.TEXT,
                    List.of()),
            new Spec("ban", "PERSON [DURATION] [REASON]", "ban an account, for good or for a DURATION such as 10m, 2h,"
                    + " 7d or 1h30m (moderators)", Argument.PERSON, null, Argument.TEXT, List.of()),
            command("devices", "", "list the audio devices"),
            command("input", "[BACKEND:]DEVICE|default", "capture from another device"),
            command("output", "[BACKEND:]DEVICE|default", "play to another device"),
            choice("echo", "[on|off]", "microphone test: hear yourself back from the server; alone: switch", ON_OFF),
            command("chaos", "loss=P,delay=MS,jitter=MS,reorder=P|off", "damage your outgoing voice (testing)"),
            command("dump", "DIR|off", "record the audio chain into WAV files in DIR (testing)"),
            new Spec("help", "[COMMAND]", "the commands, or how to use one", Argument.COMMAND, null, Argument.NONE,
                    List.of()),
            command("quit", "", "leave confab"));

    /** What is meant as a duration (and then must be a valid one) rather than the reason's first word. */
    private static final Pattern LOOKS_LIKE_DURATION = Pattern.compile("(\\d+[smhdw])+");
    /**
     * The widest usage that /help lines the helps up after; a longer one (/connect, /chaos)
     * would push every help off an 80-column chat pane.
     */
    private static final int HELP_COLUMN = 32;
    /** How much of what was typed an error message quotes. */
    private static final int QUOTED = 40;

    private SlashCommands() {
    }

    /** What {@code line} means; never throws. {@code state} is read for the toggles ({@code /mute} alone). */
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
        String[] nameAndRest = body.split("\\s+", 2);
        String name = nameAndRest[0];
        String rest = nameAndRest.length > 1 ? nameAndRest[1] : "";
        Spec spec = find(name);
        if (spec == null) {
            return new Usage(oneLine("unknown command /" + quote(name) + " (/help lists them)"));
        }
        try {
            return parse(spec, rest, state);
        } catch (IllegalArgumentException e) {
            return new Usage(oneLine(e.getMessage() + "; usage: " + spec.usage()));
        }
    }

    private static Parsed parse(Spec spec, String rest, ClientState state) {
        EngineState voice = state.voice();
        return switch (spec.name()) {
            case "connect" -> new Local(LocalAction.CONNECT, required(rest, "a server"));
            case "trust" -> nothing(rest, new Local(LocalAction.TRUST, null));
            case "login" -> new Local(LocalAction.LOGIN, oneWord(rest, "an account name"));
            case "register" -> new Local(LocalAction.REGISTER, oneWord(rest, "an account name"));
            case "disconnect" -> submit(nothing(rest, new ClientCommand.Disconnect()));
            case "join" -> submit(new ClientCommand.Join(required(rest, "a room"), null));
            case "create" -> create(rest);
            case "rename" -> rename(rest);
            case "delete" -> submit(new ClientCommand.DeleteRoom(required(rest, "a room")));
            case "msg" -> {
                String[] personAndText = personAnd(rest);
                yield submit(new ClientCommand.Direct(personAndText[0], required(personAndText[1], "a text")));
            }
            case "me" -> submit(new ClientCommand.Act(required(rest, "a text")));
            case "nick" -> submit(new ClientCommand.Nick(rest.isBlank() ? null : rest.strip()));
            case "mute" -> submit(new ClientCommand.SetMuted(onOff(rest, voice != null && voice.muted())));
            case "deafen" -> submit(new ClientCommand.SetDeafened(onOff(rest, voice != null && voice.deafened())));
            case "echo" -> submit(new ClientCommand.Echo(onOff(rest, voice != null && voice.echoTest())));
            case "vol" -> volume(rest);
            case "ptt" -> ptt(rest);
            case "whisper" -> submit(new ClientCommand.Whisper(rest.isBlank() ? null : oneWord(rest, "a person")));
            case "kick" -> {
                String[] personAndReason = personAnd(rest);
                yield submit(new ClientCommand.Kick(personAndReason[0], blankToNull(personAndReason[1])));
            }
            case "ban" -> ban(rest);
            case "devices" -> submit(nothing(rest, new ClientCommand.ListDevices()));
            case "input" -> submit(device(rest, true));
            case "output" -> submit(device(rest, false));
            case "chaos" -> submit(new ClientCommand.Chaos(ChaosSettings.parse(required(rest, "settings or off"))));
            case "dump" -> {
                String folder = required(rest, "a folder or off");
                yield submit(new ClientCommand.Dump(folder.equalsIgnoreCase("off") ? null : Path.of(folder)));
            }
            case "help" -> helpFor(rest);
            case "quit" -> nothing(rest, new Local(LocalAction.QUIT, null));
            default -> throw new IllegalStateException("/" + spec.name() + " is in COMMANDS but not parsed");
        };
    }

    /**
     * The {@code /help} text: every command, its syntax lined up, or one command; an unknown
     * name gets a line saying so.
     */
    public static List<String> help(String command) {
        if (command != null) {
            Spec spec = find(command.strip().replaceFirst("^/", ""));
            return List.of(spec == null ? oneLine("unknown command /" + quote(command.strip()) + " (/help lists them)")
                    : spec.usage() + "  " + spec.help());
        }
        int width = COMMANDS.stream().mapToInt(s -> s.usage().length()).filter(n -> n <= HELP_COLUMN).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (Spec spec : COMMANDS) {
            lines.add(String.format(Locale.ROOT, "%-" + width + "s  %s", spec.usage(), spec.help()));
        }
        return lines;
    }

    /** The command named {@code name} (any case, no slash), or null. */
    static Spec find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return COMMANDS.stream().filter(s -> s.name().equals(lower)).findFirst().orElse(null);
    }

    /**
     * What is being typed at {@code cursor}, by the same syntax that {@link #parse} reads: the
     * command's name after a leading {@code /}, then its arguments by their {@link Argument}
     * kind; in a chat line, person names word by word (with {@code ": "} after one that starts
     * the line, as IRC clients do).
     */
    static Slot slotAt(String line, int cursor) {
        String before = line.substring(0, cursor);
        if (!before.startsWith("/") || before.startsWith("//")) {
            int start = wordStart(before, 0);
            return new Slot(Argument.PERSON, start, start == 0 ? ": " : " ", List.of());
        }
        int nameEnd = 1;
        while (nameEnd < before.length() && !Character.isWhitespace(before.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd == before.length()) {
            return new Slot(Argument.COMMAND, 1, " ", List.of());
        }
        Spec spec = find(before.substring(1, nameEnd));
        if (spec == null) {
            return Slot.NOTHING;
        }
        int argStart = skipSpaces(before, nameEnd);
        if (spec.first() == Argument.ROOM) {
            int separator = spec.separator() == null ? -1 : before.lastIndexOf(spec.separator().strip());
            if (separator < argStart) {
                return slot(spec.first(), argStart, spec.separator() == null ? "" : spec.separator(), spec);
            }
            int thenStart = skipSpaces(before, separator + spec.separator().strip().length());
            return slot(spec.then(), thenStart, spec.then() == Argument.ROOM ? spec.separator() : "", spec);
        }
        if (spec.first() != Argument.TEXT && wordStart(before, argStart) == argStart) {
            return slot(spec.first(), argStart, " ", spec);
        }
        Argument rest = spec.first() == Argument.TEXT ? Argument.TEXT : spec.then();
        return rest == Argument.TEXT ? new Slot(Argument.PERSON, wordStart(before, argStart), " ", List.of())
                : Slot.NOTHING;
    }

    private static Slot slot(Argument kind, int start, String suffix, Spec spec) {
        return kind == Argument.NONE ? Slot.NOTHING : new Slot(kind, start, suffix, spec.choices());
    }

    /** Where the word that ends {@code text} starts, not before {@code from}. */
    private static int wordStart(String text, int from) {
        int start = text.length();
        while (start > from && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static int skipSpaces(String text, int from) {
        int at = from;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static Spec command(String name, String syntax, String help) {
        return new Spec(name, syntax, help, Argument.NONE, null, Argument.NONE, List.of());
    }

    private static Spec choice(String name, String syntax, String help, List<String> choices) {
        return new Spec(name, syntax, help, Argument.CHOICE, null, Argument.NONE, choices);
    }

    private static Parsed submit(ClientCommand command) {
        return new Submit(command);
    }

    private static <T> T nothing(String rest, T result) {
        if (!rest.isBlank()) {
            throw new IllegalArgumentException("it takes no arguments");
        }
        return result;
    }

    private static Parsed helpFor(String rest) {
        if (rest.isBlank()) {
            return new Local(LocalAction.HELP, null);
        }
        String name = oneWord(rest, "a command").replaceFirst("^/", "");
        if (find(name) == null) {
            throw new IllegalArgumentException("there is no command /" + quote(name));
        }
        return new Local(LocalAction.HELP, name.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code [PARENT/]NAME}: room names cannot hold a {@code /}, so it is unambiguous; a longer
     * path ({@code Team/Ops/Night}) names the parent by its last step, as names are unique.
     */
    private static Parsed create(String rest) {
        String text = required(rest, "a name");
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            return submit(new ClientCommand.CreateRoom(text, null));
        }
        String path = text.substring(0, slash);
        String parent = path.substring(path.lastIndexOf('/') + 1);
        return submit(new ClientCommand.CreateRoom(required(text.substring(slash + 1), "a name after the /"),
                required(parent, "a parent before the /")));
    }

    /** {@code ROOM -> NEW NAME}: room names cannot hold a {@code >}, so the arrow is unambiguous. */
    private static Parsed rename(String rest) {
        int arrow = rest.indexOf("->");
        if (arrow < 0) {
            throw new IllegalArgumentException("put -> between the room and its new name");
        }
        return submit(new ClientCommand.RenameRoom(required(rest.substring(0, arrow), "a room before the ->"),
                required(rest.substring(arrow + 2), "a new name after the ->")));
    }

    private static Parsed volume(String rest) {
        String[] parts = rest.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("give a person and a percentage");
        }
        String number = parts[1].endsWith("%") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
        int percent;
        try {
            percent = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + quote(parts[1]) + "' is not a percentage");
        }
        if (percent < 0 || percent > 200) {
            throw new IllegalArgumentException("the volume is 0 to 200 %, not " + percent);
        }
        return submit(new ClientCommand.Volume(parts[0], percent));
    }

    private static Parsed ptt(String rest) {
        return switch (rest.strip().toLowerCase(Locale.ROOT)) {
            case "hold" -> new Local(LocalAction.PTT_HOLD, null);
            case "toggle" -> new Local(LocalAction.PTT_TOGGLE, null);
            case "vad" -> submit(new ClientCommand.Mode(TransmitMode.VOICE_ACTIVATED));
            case "continuous" -> submit(new ClientCommand.Mode(TransmitMode.CONTINUOUS));
            case "" -> throw new IllegalArgumentException("give a mode");
            default -> throw new IllegalArgumentException("there is no mode '" + quote(rest.strip()) + "'");
        };
    }

    /** {@code PERSON [DURATION] [REASON]}: a second word shaped like a duration is one. */
    private static Parsed ban(String rest) {
        String[] personAndRest = personAnd(rest);
        String[] durationAndReason = personAndRest[1].split("\\s+", 2);
        Duration length = null;
        String reason = personAndRest[1];
        if (LOOKS_LIKE_DURATION.matcher(durationAndReason[0].toLowerCase(Locale.ROOT)).matches()) {
            length = duration(durationAndReason[0]);
            reason = durationAndReason.length > 1 ? durationAndReason[1] : "";
        }
        return submit(new ClientCommand.Ban(personAndRest[0], blankToNull(reason), length));
    }

    /** A ban's length as confab-cli's {@code ban --for} reads it ({@link BanDurations}). */
    static Duration duration(String text) {
        try {
            return BanDurations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + quote(text) + "' " + e.getMessage() + " (leave the duration out to ban"
                    + " for good)");
        }
    }

    /**
     * {@code [BACKEND:]DEVICE}: the prefix is a backend only when it is one's name, since device
     * names hold colons ({@code hw:0,0}); {@code default} or nothing after the colon is the
     * backend's default device.
     */
    private static ClientCommand device(String rest, boolean input) {
        String text = required(rest, "a device or default");
        String backend = null;
        String device = text;
        int colon = text.indexOf(':');
        if (colon > 0 && AudioBackends.NAMES.contains(text.substring(0, colon).toLowerCase(Locale.ROOT))) {
            backend = text.substring(0, colon).toLowerCase(Locale.ROOT);
            device = text.substring(colon + 1).strip();
        }
        if (device.isEmpty() || device.equalsIgnoreCase("default")) {
            device = null;
        }
        return input ? new ClientCommand.Input(backend, device) : new ClientCommand.Output(backend, device);
    }

    private static boolean onOff(String rest, boolean now) {
        return switch (rest.strip().toLowerCase(Locale.ROOT)) {
            case "" -> !now;
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("say on or off, not '" + quote(rest.strip()) + "'");
        };
    }

    /** A person (one word) and the rest of the line, which may be empty. */
    private static String[] personAnd(String rest) {
        String[] parts = required(rest, "a person").split("\\s+", 2);
        return new String[] {parts[0], parts.length > 1 ? parts[1] : ""};
    }

    private static String required(String text, String what) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("give " + what);
        }
        return text.strip();
    }

    private static String oneWord(String text, String what) {
        String word = required(text, what);
        if (word.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("give " + what + ", one word");
        }
        return word;
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text.strip();
    }

    /** What was typed, shortened for a message: a pasted paragraph must not fill the error line. */
    private static String quote(String typed) {
        return typed.codePointCount(0, typed.length()) <= QUOTED ? typed
                : typed.substring(0, typed.offsetByCodePoints(0, QUOTED)) + "…";
    }

    /** A message as one line: what was typed may hold control characters (a paste, a library's message). */
    private static String oneLine(String message) {
        StringBuilder out = new StringBuilder();
        message.codePoints().forEach(c -> out.appendCodePoint(LineEditor.breaksLine(c) ? ' ' : c));
        return out.toString();
    }
}
