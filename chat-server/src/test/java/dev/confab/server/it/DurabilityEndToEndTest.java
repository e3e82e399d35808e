package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.chat.ChatConnection;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.BanInfo;
import dev.confab.protocol.ChatLine;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import dev.confab.protocol.TokenInfo;
import dev.confab.protocol.Event;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server acknowledged is still there after a restart, and after being killed outright. */
class DurabilityEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void accountsRoomsMessagesBansAndTokensSurviveARestart() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String fingerprint = server.server().fingerprint();
            String name;
            String token;
            long tokenId;
            RoomInfo room;
            long messageId;
            BanInfo ban;
            try (TestClient admin = server.withRole("admin", Role.ADMIN); TestClient member = server.registered("keeper")) {
                name = member.name();
                Reply.TokenCreated created = member.call(id -> new Request.CreateToken(id, "nightly"), Reply.TokenCreated.class);
                token = created.secret();
                tokenId = created.token().id();
                room = admin.call(id -> new Request.CreateRoom(id, "Archive", null, "vault pass", Role.MEMBER, 48_000, 12),
                        Reply.RoomCreated.class).room();
                messageId = admin.call(id -> new Request.Say(id, room.id(), "for the record", false), Reply.Posted.class)
                        .messageId();
                ban = admin.call(id -> new Request.Ban(id, null, "203.0.113.9", "bot", null), Reply.BanCreated.class).ban();
            }

            server.restart();

            assertThat(server.server().fingerprint()).isEqualTo(fingerprint);
            try (TestClient member = server.connect()) {
                member.login(name, TestServer.PASSWORD);
                Event.Snapshot snapshot = member.await(Event.Snapshot.class);
                assertThat(snapshot.rooms()).contains(room);
                assertThat(member.call(Request.ListTokens::new, Reply.Tokens.class).tokens())
                        .extracting(TokenInfo::id).containsExactly(tokenId);
                member.ok(id -> new Request.Join(id, room.id(), "vault pass"));
                assertThat(member.call(id -> Request.History.before(id, room.id(), null, null), Reply.HistoryPage.class)
                        .messages()).extracting(ChatLine::id).containsExactly(messageId);
            }
            try (TestClient script = server.connect()) {
                assertThat(script.call(id -> new Request.Login(id, null, null, token), Reply.LoggedIn.class)
                        .account().name()).isEqualTo(name);
            }
            try (TestClient moderator = server.withRole("mod", Role.MODERATOR)) {
                assertThat(moderator.call(Request.ListBans::new, Reply.Bans.class).bans()).contains(ban);
            }
        }
    }

    @Test
    void aKilledServerLosesNoAcknowledgedMessage() throws Exception {
        String name = TestServer.uniqueName("writer");
        dev.confab.server.accounts.AccountAdmin.createUser(dir.resolve("confab.db"), name, TestServer.PASSWORD, Role.MEMBER);
        Process process = startServerProcess();
        List<Long> acknowledged = new ArrayList<>();
        try {
            Matcher started = awaitStartLine(process);
            ConnectOptions options = ConnectOptions.builder(new ServerAddress("127.0.0.1", Integer.parseInt(started.group(1))),
                    TrustPolicy.pinned(started.group(2))).build();
            ChatConnection connection = ChatConnection.open(options).get(10, TimeUnit.SECONDS);
            connection.request(id -> new Request.Login(id, name, TestServer.PASSWORD, null), Reply.LoggedIn.class)
                    .get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Reply.Posted>> inFlight = new ArrayList<>();
            // Within the default burst of 500 requests, so the rate limit refuses none of them.
            for (int i = 0; i < 480; i++) {
                String text = "message " + i;
                inFlight.add(connection.request(id -> new Request.Say(id, 1, text, false), Reply.Posted.class));
                if (i == 400) {
                    inFlight.get(200).get(10, TimeUnit.SECONDS);
                    process.destroyForcibly(); // SIGKILL, mid-stream
                }
            }
            for (CompletableFuture<Reply.Posted> posted : inFlight) {
                try {
                    acknowledged.add(posted.get(10, TimeUnit.SECONDS).messageId());
                } catch (Exception lostWithTheProcess) {
                    // never acknowledged, so the server promised nothing about it
                }
            }
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSizeGreaterThan(200);

        try (TestServer restarted = TestServer.start(dir); TestClient reader = restarted.connect()) {
            reader.login(name, TestServer.PASSWORD);
            List<Long> stored = new ArrayList<>();
            Long before = null;
            while (true) {
                Long page = before;
                Reply.HistoryPage history = reader.call(id -> Request.History.before(id, 1, page, 500), Reply.HistoryPage.class);
                history.messages().forEach(line -> stored.add(line.id()));
                if (!history.more()) {
                    break;
                }
                before = history.messages().get(0).id();
            }
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private Process startServerProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.confab.server.ServerMain",
                "--data", dir.toString(), "--bind", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true)
                .start();
    }

    private static Matcher awaitStartLine(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        Pattern listening = Pattern.compile("listening on [^:]+:(\\d+)");
        Pattern fingerprint = Pattern.compile("fingerprint (SHA256:\\S+)");
        String port = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                port = m.group(1);
            }
            Matcher f = fingerprint.matcher(line);
            if (f.find() && port != null) {
                Matcher both = Pattern.compile("(\\d+) (SHA256:\\S+)").matcher(port + " " + f.group(1));
                both.matches();
                return both;
            }
        }
        throw new AssertionError("the server process ended before it started listening");
    }
}
