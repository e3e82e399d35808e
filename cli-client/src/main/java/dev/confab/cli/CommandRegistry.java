package dev.confab.cli;

import dev.confab.cli.account.LoginCommand;
import dev.confab.cli.account.LogoutCommand;
import dev.confab.cli.account.RegisterCommand;
import dev.confab.cli.account.WhoamiCommand;
import dev.confab.cli.audio.AudioCommand;
import dev.confab.cli.audio.BotsCommand;
import dev.confab.cli.audio.EchoTestCommand;
import dev.confab.cli.audio.PlayCommand;
import dev.confab.cli.audio.RecordCommand;
import dev.confab.cli.chat.DmCommand;
import dev.confab.cli.chat.HistoryCommand;
import dev.confab.cli.chat.SendCommand;
import dev.confab.cli.chat.TailCommand;
import dev.confab.cli.completion.CompletionCommand;
import dev.confab.cli.moderation.BanCommand;
import dev.confab.cli.moderation.BansCommand;
import dev.confab.cli.moderation.KickCommand;
import dev.confab.cli.moderation.MuteCommand;
import dev.confab.cli.moderation.UnbanCommand;
import dev.confab.cli.moderation.UnmuteCommand;
import dev.confab.cli.people.RoleCommand;
import dev.confab.cli.people.UsersCommand;
import dev.confab.cli.ping.PingCommand;
import dev.confab.cli.ptt.PttCommand;
import dev.confab.cli.room.RoomCommand;
import dev.confab.cli.room.RoomsCommand;
import dev.confab.cli.server.ServerCommand;
import dev.confab.cli.token.TokenCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The subcommands of confab-cli, and which of them one run needs.
 *
 * <p>Scripts start confab-cli over and over, and picocli builds its model of a command by
 * reflection: building all of them costs more than connecting to the server does. So a run
 * that names its command up front ({@code confab-cli [--server X] [--trust F] [--json] send ...})
 * registers that command only. Anything else (no command, an unknown one, a root-level
 * {@code --help}, {@code completion}) gets them all, so that help, suggestions and completion
 * scripts are complete.
 */
final class CommandRegistry {

    /** In the order the root's --help lists them. */
    private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("register", RegisterCommand.class);
        COMMANDS.put("login", LoginCommand.class);
        COMMANDS.put("logout", LogoutCommand.class);
        COMMANDS.put("whoami", WhoamiCommand.class);
        COMMANDS.put("token", TokenCommand.class);
        COMMANDS.put("rooms", RoomsCommand.class);
        COMMANDS.put("room", RoomCommand.class);
        COMMANDS.put("users", UsersCommand.class);
        COMMANDS.put("send", SendCommand.class);
        COMMANDS.put("dm", DmCommand.class);
        COMMANDS.put("history", HistoryCommand.class);
        COMMANDS.put("tail", TailCommand.class);
        COMMANDS.put("kick", KickCommand.class);
        COMMANDS.put("ban", BanCommand.class);
        COMMANDS.put("unban", UnbanCommand.class);
        COMMANDS.put("bans", BansCommand.class);
        COMMANDS.put("mute", MuteCommand.class);
        COMMANDS.put("unmute", UnmuteCommand.class);
        COMMANDS.put("role", RoleCommand.class);
        COMMANDS.put("server", ServerCommand.class);
        COMMANDS.put("ping", PingCommand.class);
        COMMANDS.put("audio", AudioCommand.class);
        COMMANDS.put("play", PlayCommand.class);
        COMMANDS.put("record", RecordCommand.class);
        COMMANDS.put("bots", BotsCommand.class);
        COMMANDS.put("echo-test", EchoTestCommand.class);
        COMMANDS.put("ptt", PttCommand.class);
        COMMANDS.put("completion", CompletionCommand.class);
    }

    /** Root options that take a value, whose value must not be mistaken for the command's name. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--server", "--trust");
    private static final Set<String> ROOT_FLAGS = Set.of("--json");
    /** Commands that need every other command registered. */
    private static final Set<String> NEEDS_ALL = Set.of("completion");
    /** Commands that never connect to a server. */
    private static final Set<String> OFFLINE = Set.of("audio");

    private CommandRegistry() {
    }

    /** Adds the subcommands this command line needs to {@code root}. */
    static void register(CommandLine root, String[] args) {
        String name = requestedCommand(args);
        if (name != null && COMMANDS.containsKey(name) && !NEEDS_ALL.contains(name)) {
            root.addSubcommand(name, COMMANDS.get(name));
        } else {
            COMMANDS.forEach(root::addSubcommand);
        }
    }

    /**
     * True when this command line runs a command that talks to a server (all but completion
     * and help), so that it is worth getting ready to connect while the arguments are parsed.
     */
    static boolean willConnect(String[] args) {
        String name = requestedCommand(args);
        if (name == null || !COMMANDS.containsKey(name) || NEEDS_ALL.contains(name) || OFFLINE.contains(name)) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /** The first argument that is not a root option, or null when a root option is one this scan does not know. */
    private static String requestedCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (ROOT_FLAGS.contains(arg) || arg.startsWith("--server=") || arg.startsWith("--trust=")) {
                continue;
            } else if (arg.startsWith("-")) {
                return null;
            } else {
                return arg;
            }
        }
        return null;
    }
}
