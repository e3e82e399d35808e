package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.BanInfo;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModerationEndToEndTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static TestClient moderator;
    static TestClient watcher;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
        moderator = server.withRole("mod", Role.MODERATOR);
        watcher = server.registered("watcher");
    }

    @AfterAll
    static void stop() {
        watcher.close();
        moderator.close();
        server.close();
    }

    @Test
    void aKickClosesEverySessionOfThePersonWithTheReasonAndRevokesVoice() {
        TestClient target = server.registered("noisy");
        int voice = target.await(Event.VoiceGranted.class).sessionId();

        moderator.ok(id -> new Request.Kick(id, target.name(), "too loud"));

        Event.Bye bye = target.awaitBye();
        assertThat(bye.code()).isEqualTo(ErrorCode.KICKED);
        assertThat(bye.reason()).contains(moderator.name()).contains("too loud");
        watcher.await(Event.MemberLeft.class, e -> e.session() == target.session());
        assertThat(server.server().voiceSessions().find(voice)).isNull();
        try (TestClient back = server.connect()) {
            back.login(target.name(), TestServer.PASSWORD);
        }
    }

    @Test
    void anAccountBanDisconnectsRefusesLoginUntilUnbannedAndIsListed() {
        TestClient target = server.registered("troll");
        String name = target.name();
        int voice = target.await(Event.VoiceGranted.class).sessionId();

        BanInfo ban = moderator.call(id -> new Request.Ban(id, name, null, "spam", null), Reply.BanCreated.class).ban();

        assertThat(target.awaitBye().code()).isEqualTo(ErrorCode.BANNED);
        assertThat(server.server().voiceSessions().find(voice)).isNull();
        assertThat(ban.userName()).isEqualTo(name);
        assertThat(ban.expires()).isNull();
        try (TestClient again = server.connect()) {
            assertThat(again.failure(id -> new Request.Login(id, name, TestServer.PASSWORD, null)))
                    .satisfies(f -> assertThat(f.code()).isEqualTo(ErrorCode.BANNED))
                    .satisfies(f -> assertThat(f.message()).contains("permanently").contains("spam"));
        }
        assertThat(moderator.call(Request.ListBans::new, Reply.Bans.class).bans()).extracting(BanInfo::id).contains(ban.id());

        moderator.ok(id -> new Request.Unban(id, ban.id()));
        assertThat(moderator.call(Request.ListBans::new, Reply.Bans.class).bans()).extracting(BanInfo::id)
                .doesNotContain(ban.id());
        moderator.assertFails(ErrorCode.NOT_FOUND, id -> new Request.Unban(id, ban.id()));
        try (TestClient again = server.connect()) {
            again.login(name, TestServer.PASSWORD);
        }
    }

    @Test
    void aTimedBanExpiresByItself() throws Exception {
        String name;
        try (TestClient target = server.registered("brief")) {
            name = target.name();
        }
        moderator.call(id -> new Request.Ban(id, name, null, "cool off", 3L), Reply.BanCreated.class);
        try (TestClient during = server.connect()) {
            during.assertFails(ErrorCode.BANNED, id -> new Request.Login(id, name, TestServer.PASSWORD, null));
        }
        Thread.sleep(3200);
        try (TestClient after = server.connect()) {
            after.login(name, TestServer.PASSWORD);
        }
    }

    @Test
    void rightsAreCheckedOnEveryModerationCommand() throws Exception {
        try (TestClient admin = server.withRole("boss", Role.ADMIN); TestClient peer = server.withRole("peer", Role.MODERATOR)) {
            watcher.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Kick(id, moderator.name(), null));
            watcher.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Ban(id, moderator.name(), null, null, null));
            watcher.assertFails(ErrorCode.FORBIDDEN, Request.ListBans::new);
            watcher.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Unban(id, 1));
            moderator.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Kick(id, admin.name(), null));
            moderator.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Kick(id, peer.name(), null));
            moderator.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Ban(id, admin.name(), null, null, null));
            moderator.assertFails(ErrorCode.UNKNOWN_USER, id -> new Request.Kick(id, "not-online-anyone", null));
            moderator.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.Ban(id, null, "not-an-ip", null, null));
            moderator.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.Ban(id, null, null, null, null));
            moderator.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.Ban(id, watcher.name(), null, null, -5L));
            admin.ok(id -> new Request.Kick(id, peer.name(), "admins outrank"));
            assertThat(peer.awaitBye().code()).isEqualTo(ErrorCode.KICKED);
        }
    }
}
