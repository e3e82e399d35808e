package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.chat.ChatConnection;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.ServerMain;
import dev.confab.server.storage.Database;
import dev.confab.server.tls.TlsFiles;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** confab-server as an operator runs it: a real process, its flags, its output, its signals. */
class ServerMainEndToEndTest {
    @TempDir
    Path dir;

    /** A server process started with these flags, and what it printed at start. */
    record Started(Process process, int port, String fingerprint) {
    }

    static Started startProcess(Path data, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The production logging config, not the tests': this checks the log lands in DATA/logs.
        String logback = Path.of(ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("logback.xml").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                "--data", data.toString(), "--bind", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Integer port = null;
        String fingerprint = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher listening = Pattern.compile("listening on [^:]+:(\\d+) \\((\\w+)").matcher(line);
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
                if (listening.group(2).equals("PLAINTEXT")) {
                    return new Started(process, port, null);
                }
            }
            Matcher print = Pattern.compile("fingerprint (SHA256:\\S+)").matcher(line);
            if (print.find()) {
                fingerprint = print.group(1);
                return new Started(process, port, fingerprint);
            }
        }
        throw new AssertionError("the server exited with " + process.waitFor() + " before listening");
    }

    @Test
    void sigtermSaysGoodbyeClosesTheDatabaseCleanlyAndLeavesALogInTheDataFolder() throws Exception {
        Started server = startProcess(dir);
        ChatConnection client = ChatConnection.open(ConnectOptions.builder(new ServerAddress("127.0.0.1", server.port()),
                TrustPolicy.pinned(server.fingerprint())).build()).get(10, TimeUnit.SECONDS);
        java.util.concurrent.LinkedBlockingQueue<Event> events = new java.util.concurrent.LinkedBlockingQueue<>();
        client.addEventListener(events::add);
        client.request(id -> new Request.Register(id, "stayer", TestServer.PASSWORD), Reply.LoggedIn.class)
                .get(10, TimeUnit.SECONDS);

        server.process().destroy(); // SIGTERM

        assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        Event bye;
        do {
            bye = events.poll(5, TimeUnit.SECONDS);
        } while (bye != null && !(bye instanceof Event.Bye));
        assertThat(bye).isEqualTo(new Event.Bye(ErrorCode.SHUTTING_DOWN, "the server is shutting down"));
        Path wal = dir.resolve("confab.db-wal");
        assertThat(!Files.exists(wal) || Files.size(wal) == 0).as("WAL checkpointed").isTrue();
        String log = Files.readString(dir.resolve("logs/confab-server.log"));
        assertThat(log).contains("listening on").contains("stopped");
        assertThat(log).doesNotContain(TestServer.PASSWORD);
    }

    @Test
    void operatorCertificatesArePresentedAndPlaintextOnlyWhenAskedFor() throws Exception {
        TlsFiles own = TlsFiles.selfSigned(dir.resolve("operator"));
        Started withCert = startProcess(dir.resolve("a"), "--tls-cert", dir.resolve("operator/cert.pem").toString(),
                "--tls-key", dir.resolve("operator/key.pem").toString());
        try {
            assertThat(withCert.fingerprint()).isEqualTo(own.fingerprint());
            assertThat(Files.exists(dir.resolve("a/tls"))).isFalse();
        } finally {
            withCert.process().destroy();
        }

        Started plaintext = startProcess(dir.resolve("b"), "--plaintext");
        try {
            ChatConnection client = ChatConnection.open(ConnectOptions.builder(
                    new ServerAddress("127.0.0.1", plaintext.port()), TrustPolicy.plaintext()).build()).get(10, TimeUnit.SECONDS);
            assertThat(client.welcome().version()).isEqualTo(1);
        } finally {
            plaintext.process().destroy();
        }
    }

    @Test
    void aDatabaseFromANewerServerStopsTheStartWithAClearMessage() throws Exception {
        try (Connection c = Database.connect(dir.resolve("confab.db")); var statement = c.createStatement()) {
            statement.execute("PRAGMA user_version = 42");
        }
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ServerMain()).setErr(new PrintWriter(err))
                .execute("--data", dir.toString(), "--bind", "127.0.0.1", "--port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("schema version 42").contains("knows only up to");
    }

    @Test
    void adminCreateUserReadsThePasswordFromStdinAndRefusesATakenName() throws Exception {
        assertThat(createUser("root", "admin", "a long enough password\n")).isEqualTo(0);
        assertThat(createUser("root", "admin", "another password!\n")).isEqualTo(1);
        assertThat(createUser("bad name", "admin", "a long enough password\n")).isEqualTo(1);
        assertThat(createUser("someone", "emperor", "a long enough password\n")).isEqualTo(2);
        assertThat(createUser("weak", "member", "short\n")).isEqualTo(1);

        try (TestServer server = TestServer.start(dir); TestClient root = server.connect()) {
            assertThat(root.login("root", "a long enough password").account().role())
                    .isEqualTo(dev.confab.protocol.Role.ADMIN);
        }
    }

    @Test
    void adminCreateRoomMakesEchoRoomsBeforeTheServerStartsAndRefusesBadOnes() throws Exception {
        assertThat(admin("create-room", "Echo", "--echo")).isEqualTo(0);
        assertThat(admin("create-room", "Booth", "--parent", "echo")).isEqualTo(0);
        assertThat(admin("create-room", "ECHO")).as("names ignore case").isEqualTo(1);
        assertThat(admin("create-room", "bad/name")).isEqualTo(1);
        assertThat(admin("create-room", "Lost", "--parent", "Nowhere")).isEqualTo(1);
        assertThat(admin("create-room", "Nested", "--parent", "1")).isEqualTo(0);

        try (TestServer server = TestServer.start(dir); TestClient member = server.registered("tester")) {
            assertThat(member.await(Event.Snapshot.class).rooms())
                    .extracting(room -> room.name() + "<" + room.parent() + (room.echo() ? " echo" : ""))
                    .containsExactly("Lobby<null", "Echo<1 echo", "Booth<2", "Nested<1");
        }
    }

    /** {@code confab-server admin ARGS --data DIR}, in this JVM; the exit code. */
    private int admin(String... args) {
        List<String> command = new ArrayList<>(List.of("admin"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", dir.toString()));
        return new CommandLine(new ServerMain()).setErr(new PrintWriter(new StringWriter()))
                .setOut(new PrintWriter(new StringWriter())).execute(command.toArray(String[]::new));
    }

    private int createUser(String name, String role, String stdin) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new CommandLine(new ServerMain()).setErr(new PrintWriter(new StringWriter()))
                    .setOut(new PrintWriter(new StringWriter()))
                    .execute("admin", "create-user", name, "--role", role, "--password-stdin", "--data", dir.toString());
        } finally {
            System.setIn(original);
        }
    }
}
