package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.TokenInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsEndToEndTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir, config -> config);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registerLogsInAndTheSameNameAndPasswordLogInAgain() {
        String name = TestServer.uniqueName("ada");
        try (TestClient first = server.connect()) {
            Reply.LoggedIn registered = first.register(name);
            assertThat(registered.account().name()).isEqualTo(name);
            assertThat(registered.account().role()).isEqualTo(Role.MEMBER);
            Event.Snapshot snapshot = first.await(Event.Snapshot.class);
            assertThat(snapshot.members()).anySatisfy(m -> assertThat(m.name()).isEqualTo(name));
            assertThat(snapshot.rooms()).anySatisfy(r -> assertThat(r.name()).isEqualTo("Lobby"));
        }
        try (TestClient again = server.connect()) {
            assertThat(again.login(name.toUpperCase(), TestServer.PASSWORD).account().name()).isEqualTo(name);
        }
    }

    @Test
    void badRegistrationsAreRefusedWithTheirCodes() {
        String taken = TestServer.uniqueName("taken");
        try (TestClient client = server.connect(); TestClient other = server.connect()) {
            client.register(taken);
            other.assertFails(ErrorCode.NAME_TAKEN, id -> new Request.Register(id, taken.toUpperCase(), TestServer.PASSWORD));
            other.assertFails(ErrorCode.INVALID_NAME, id -> new Request.Register(id, "no spaces", TestServer.PASSWORD));
            other.assertFails(ErrorCode.INVALID_NAME, id -> new Request.Register(id, "x".repeat(33), TestServer.PASSWORD));
            other.assertFails(ErrorCode.WEAK_PASSWORD, id -> new Request.Register(id, "shortpw", "1234"));
            client.assertFails(ErrorCode.ALREADY_LOGGED_IN, id -> new Request.Login(id, taken, TestServer.PASSWORD, null));
        }
    }

    @Test
    void wrongPasswordsAreRefusedThenThrottledPerAccount() {
        String name = TestServer.uniqueName("victim");
        try (TestClient victim = server.connect()) {
            victim.register(name);
        }
        try (TestClient attacker = server.connect()) {
            for (int i = 0; i < 5; i++) {
                int attempt = i;
                attacker.assertFails(ErrorCode.BAD_CREDENTIALS, id -> new Request.Login(id, name, "guess" + attempt + "xx", null));
            }
            assertThat(attacker.failure(id -> new Request.Login(id, name, TestServer.PASSWORD, null)).message())
                    .contains("too many failed logins");
            attacker.assertFails(ErrorCode.BAD_CREDENTIALS, id -> new Request.Login(id, "nobody-here", "whatever1", null));
        }
    }

    @Test
    void apiTokensLogInAreListedWithoutSecretsAndStopWorkingWhenRevoked() {
        try (TestClient owner = server.registered("scripter")) {
            Reply.TokenCreated created = owner.call(id -> new Request.CreateToken(id, "ci"), Reply.TokenCreated.class);
            assertThat(created.secret()).startsWith("cft_");

            try (TestClient script = server.connect()) {
                Reply.LoggedIn loggedIn = script.call(id -> new Request.Login(id, null, null, created.secret()),
                        Reply.LoggedIn.class);
                assertThat(loggedIn.account().name()).isEqualTo(owner.name());
                // Scripts post in bulk: past the interactive burst (500) without being refused.
                var posts = java.util.stream.IntStream.range(0, 1500).mapToObj(i -> script.connection()
                        .request(id -> new Request.Say(id, 1, "build line " + i, false), Reply.Posted.class)).toList();
                assertThat(posts).allSatisfy(post -> assertThat(post).succeedsWithin(Duration.ofSeconds(20)));
            }
            Reply.Tokens tokens = owner.call(Request.ListTokens::new, Reply.Tokens.class);
            assertThat(tokens.tokens()).extracting(TokenInfo::label).containsExactly("ci");
            assertThat(tokens.tokens().get(0).lastUsed()).isNotNull();
            assertThat(tokens.toString()).doesNotContain(created.secret());

            owner.ok(id -> new Request.RevokeToken(id, created.token().id()));
            owner.assertFails(ErrorCode.NOT_FOUND, id -> new Request.RevokeToken(id, created.token().id()));
            try (TestClient script = server.connect()) {
                script.assertFails(ErrorCode.BAD_CREDENTIALS, id -> new Request.Login(id, null, null, created.secret()));
            }
        }
    }

    @Test
    void adminsCreatedFromTheShellCanChangeRolesAndOthersCannot() throws Exception {
        try (TestClient admin = server.withRole("root", Role.ADMIN); TestClient member = server.registered("pleb")) {
            assertThat(admin.loggedIn().account().role()).isEqualTo(Role.ADMIN);
            member.assertFails(ErrorCode.FORBIDDEN, id -> new Request.SetRole(id, member.name(), Role.ADMIN));

            admin.ok(id -> new Request.SetRole(id, member.name(), Role.MODERATOR));
            admin.await(Event.MemberChanged.class, e -> e.member().session() == member.session()
                    && e.member().role() == Role.MODERATOR);
            member.call(id -> new Request.CreateRoom(id, TestServer.uniqueName("modroom"), null, null, null, null, null),
                    Reply.RoomCreated.class);
            admin.assertFails(ErrorCode.UNKNOWN_USER, id -> new Request.SetRole(id, "ghost-account", Role.MEMBER));
        }
    }

    @Test
    void logoutEndsThePresenceForEveryoneAndTheConnectionCanLogInAgain() {
        try (TestClient watcher = server.registered("watcher"); TestClient leaver = server.registered("leaver")) {
            watcher.await(Event.MemberJoined.class, e -> e.member().session() == leaver.session());
            int voice = leaver.await(Event.VoiceGranted.class).sessionId();
            leaver.ok(Request.Logout::new);
            watcher.await(Event.MemberLeft.class, e -> e.session() == leaver.session());
            assertThat(server.server().voiceSessions().find(voice)).isNull();
            leaver.assertFails(ErrorCode.NOT_LOGGED_IN, id -> new Request.Say(id, 1, "hi", false));
            leaver.login(leaver.name(), TestServer.PASSWORD);
            watcher.assertNone(Event.Bye.class, any -> true, Duration.ofMillis(100));
        }
    }

    @Test
    void aLoginWhoseConnectionClosesWhileTheHashRunsLeavesNoGhost() throws Exception {
        String name = TestServer.uniqueName("ghost");
        try (TestClient owner = server.connect()) {
            owner.register(name);
            owner.ok(Request.Logout::new);
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.hello();
            raw.send("{\"type\":\"login\",\"id\":2,\"name\":\"" + name + "\",\"password\":\"" + TestServer.PASSWORD + "\"}");
        }
        Thread.sleep(2000);
        try (TestClient observer = server.registered("observer")) {
            assertThat(observer.await(Event.Snapshot.class).members()).noneSatisfy(m -> assertThat(m.name()).isEqualTo(name));
        }
    }

    @Test
    void badTokensAreThrottledByAddressWithoutLockingOutOtherAddressesTokens() {
        try (TestClient attacker = server.connect()) {
            // More than the per-account limit (5): token failures must not share one account-like key.
            for (int i = 0; i < 6; i++) {
                attacker.assertFails(ErrorCode.BAD_CREDENTIALS, id -> new Request.Login(id, null, null, "cft_wrong"));
            }
        }
        try (TestClient owner = server.registered("tokenowner")) {
            String secret = owner.call(id -> new Request.CreateToken(id, "ok"), Reply.TokenCreated.class).secret();
            try (TestClient script = server.connect()) {
                script.call(id -> new Request.Login(id, null, null, secret), Reply.LoggedIn.class);
            }
        }
    }
}
