package dev.confab.server;

import dev.confab.protocol.Limits;
import dev.confab.protocol.Role;
import dev.confab.server.accounts.AccountAdmin;
import dev.confab.server.rooms.RoomAdmin;
import dev.confab.voice.VoiceServerConfig;
import dev.confab.voice.link.VoiceNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code confab-server}: runs the server, or administers its data folder. What it prints is for
 * the operator at the terminal; everything else goes to the rolling log in the data folder.
 */
@Command(name = "confab-server", mixinStandardHelpOptions = true, version = ChatServer.NAME,
        description = "Runs the Confab server: chat on TCP 7700 (TLS) and voice on UDP 7700 by default.",
        subcommands = ServerMain.Admin.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:could not start (message on stderr)", "2:bad arguments"})
public final class ServerMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    DataOption data;

    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "0.0.0.0")
    String bind;

    @Option(names = "--port", description = "TCP port for chat, UDP port for voice (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + Limits.DEFAULT_PORT)
    int port;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain (PEM). Default: a self-signed one in DATA/tls.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "PKCS#8 private key (PEM) for --tls-cert.")
    Path tlsKey;

    @Option(names = "--plaintext", description = "No TLS at all. For tests on loopback only.")
    boolean plaintext;

    @Option(names = "--public-host", description = "Host name clients should send voice to (default: the address they connected to).")
    String publicHost;

    /** Which parts this process runs. */
    enum ServerRole { all, chat, voice }

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all",
            description = "all: chat and voice in one process (default); chat: chat, with voice by --voice-node; "
                    + "voice: a voice node that chat nodes link to on TCP --port.")
    ServerRole role;

    @Option(names = "--voice-port", paramLabel = "N",
            description = "UDP port for voice (default: the same number as --port).")
    Integer voicePort;

    @Option(names = "--voice-node", paramLabel = "HOST[:PORT]",
            description = "With --role chat: a voice node's link address (repeat for several; each room is served by one).")
    List<String> voiceNodes = new ArrayList<>();

    @Option(names = "--link-secret-file", paramLabel = "FILE",
            description = "With --role chat or voice: the secret shared by chat and voice nodes (at least 32 bytes; mode 600).")
    Path linkSecretFile;

    @Option(names = "--relay-threads", paramLabel = "N", defaultValue = "2",
            description = "Threads (and UDP sockets) relaying voice (default: ${DEFAULT-VALUE}).")
    int relayThreads;

    /** The data folder option, shared with the admin commands. */
    static final class DataOption {
        @Option(names = "--data", paramLabel = "DIR",
                description = "Data folder: confab.db, tls/, logs/. Default: $XDG_DATA_HOME/confab-server or ~/.local/share/confab-server.")
        Path dir;

        Path resolve() {
            return dir != null ? dir : ServerConfig.defaultDataDir(System.getenv());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (plaintext && tlsCert != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--plaintext cannot be used with --tls-cert");
        }
        if (role != ServerRole.chat && !voiceNodes.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--voice-node needs --role chat");
        }
        if (role == ServerRole.chat && voiceNodes.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--role chat needs at least one --voice-node");
        }
        if ((role == ServerRole.all) != (linkSecretFile == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), role == ServerRole.all
                    ? "--link-secret-file is for --role chat and --role voice"
                    : "--role " + role + " needs --link-secret-file");
        }
        byte[] secret = null;
        if (linkSecretFile != null) {
            try {
                secret = LinkSecret.read(linkSecretFile);
            } catch (IOException e) {
                spec.commandLine().getErr().println("confab-server: " + e.getMessage());
                return 1;
            }
        }
        ServerConfig config = ServerConfig.defaults(data.resolve())
                .withAddress(bind, port)
                .withTls(tlsCert, tlsKey, plaintext)
                .withPublicHost(publicHost)
                .withVoice(new ServerConfig.VoiceSetup(voicePort != null ? voicePort : ServerConfig.VoiceSetup.SAME_PORT,
                        relayThreads, List.copyOf(voiceNodes), secret));
        // Before the first logger exists, so Logback writes into this server's own data folder.
        System.setProperty("confab.logdir", config.logFolder().toString());
        if (role == ServerRole.voice) {
            return runVoiceNode(config);
        }
        PrintWriter out = spec.commandLine().getOut();
        ChatServer server;
        try {
            server = ChatServer.start(config);
        } catch (Exception e) {
            spec.commandLine().getErr().println("confab-server: cannot start: " + e.getMessage());
            LoggerFactory.getLogger(ServerMain.class).error("cannot start", e);
            return 1;
        }
        out.printf("confab-server listening on %s:%d (%s)%n", bind, server.port(),
                plaintext ? "PLAINTEXT: do not use beyond tests" : "TLS");
        out.println(role == ServerRole.all ? "voice on UDP " + server.voicePort() : "voice by " + String.join(", ", voiceNodes));
        if (server.fingerprint() != null) {
            out.println("fingerprint " + server.fingerprint());
        }
        out.println("data " + config.dataDir().toAbsolutePath());
        out.println("log  " + config.logFolder().resolve("confab-server.log").toAbsolutePath());
        out.flush();

        return runUntilStopped(server);
    }

    /** {@code --role voice}: the relay on UDP, and the link chat nodes reach it by on TCP {@code --port}. */
    private int runVoiceNode(ServerConfig config) throws InterruptedException {
        ServerConfig.VoiceSetup voice = config.voice();
        VoiceNode node;
        try {
            int udp = voice.udpPort() == ServerConfig.VoiceSetup.SAME_PORT ? config.port() : voice.udpPort();
            // Asked for any free port, the link takes the relay's number, as chat does in one process.
            int link = config.port() == 0 ? VoiceNode.SAME_AS_UDP : config.port();
            node = VoiceNode.start(new VoiceServerConfig(config.bind(), udp, voice.relayThreads()), config.bind(),
                    link, voice.linkSecret(), config.publicHost());
        } catch (Exception e) {
            spec.commandLine().getErr().println("confab-server: cannot start the voice node: " + e.getMessage());
            LoggerFactory.getLogger(ServerMain.class).error("cannot start the voice node", e);
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("confab-server voice node: voice on UDP %s:%d, chat nodes link on TCP %s:%d%n", bind,
                node.udpPort(), bind, node.linkPort());
        out.println("log  " + config.logFolder().resolve("confab-server.log").toAbsolutePath());
        out.flush();
        return runUntilStopped(node);
    }

    /** Waits for SIGTERM or Ctrl-C, then closes what runs and flushes the log. */
    private static int runUntilStopped(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(ServerMain.class).warn("could not stop cleanly", e);
            }
            stopped.countDown();
            ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** {@code confab-server admin ...}: works on the data folder directly, with or without a running server. */
    @Command(name = "admin", description = "Administer the data folder.", mixinStandardHelpOptions = true,
            subcommands = {Admin.CreateUser.class, Admin.CreateRoom.class})
    static final class Admin {

        @Command(name = "create-user", mixinStandardHelpOptions = true,
                description = "Creates an account. The password comes from a prompt, or from stdin with --password-stdin.",
                footer = {"", "Example:", "  printf '%%s\\n' \"$PASS\" | confab-server admin create-user alice --role admin --password-stdin"})
        static final class CreateUser implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            DataOption data;

            @Parameters(paramLabel = "NAME", description = "Account name.")
            String name;

            @Option(names = "--role", defaultValue = "member", description = "guest, member, moderator or admin (default: ${DEFAULT-VALUE}).")
            String role;

            @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
            boolean passwordStdin;

            @Override
            public Integer call() throws Exception {
                Role parsed;
                try {
                    parsed = Role.parse(role);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                Path dir = data.resolve();
                System.setProperty("confab.logdir", dir.resolve("logs").toString());
                try {
                    String password = AccountAdmin.readPassword(passwordStdin);
                    AccountAdmin.createUser(dir.resolve("confab.db"), name, password, parsed);
                } catch (AdminException e) {
                    spec.commandLine().getErr().println("confab-server: " + e.getMessage());
                    return 1;
                }
                spec.commandLine().getOut().println("created " + name + " (" + parsed.wireName() + ")");
                return 0;
            }
        }

        @Command(name = "create-room", mixinStandardHelpOptions = true,
                description = {"Creates a room in the data folder, open to everyone, with the default bitrate.",
                        "For setting up a data folder before the server starts: a running server shows the room"
                                + " after a restart. On a running server use: confab-cli room create."},
                footer = {"", "Example:", "  confab-server admin create-room Echo --echo"})
        static final class CreateRoom implements Callable<Integer> {
            @Spec
            CommandSpec spec;

            @CommandLine.Mixin
            DataOption data;

            @Parameters(paramLabel = "NAME", description = "1 to 32 letters, digits, spaces and _ . ' # + -; unique ignoring case.")
            String name;

            @Option(names = "--parent", paramLabel = "ROOM", description = "The room (id or name) to create it in (default: the lobby).")
            String parent;

            @Option(names = "--echo", description = "An echo room: everyone inside hears only their own voice, back (a microphone test).")
            boolean echo;

            @Override
            public Integer call() throws Exception {
                Path dir = data.resolve();
                System.setProperty("confab.logdir", dir.resolve("logs").toString());
                long id;
                try {
                    id = RoomAdmin.createRoom(dir.resolve("confab.db"), name, parent, echo).id();
                } catch (AdminException e) {
                    spec.commandLine().getErr().println("confab-server: " + e.getMessage());
                    return 1;
                }
                spec.commandLine().getOut().println("created room " + name + " (#" + id + (echo ? ", echo" : "") + ")");
                return 0;
            }
        }
    }
}
