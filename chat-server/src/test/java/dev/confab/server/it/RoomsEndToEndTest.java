package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoomsEndToEndTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static TestClient moderator;
    static TestClient member;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
        moderator = server.withRole("mod", Role.MODERATOR);
        member = server.registered("member");
    }

    @AfterAll
    static void stop() {
        member.close();
        moderator.close();
        server.close();
    }

    static RoomInfo create(String prefix, Long parent) {
        return create(new Request.CreateRoom(0, TestServer.uniqueName(prefix), parent, null, null, null, null));
    }

    static RoomInfo create(Request.CreateRoom wanted) {
        return moderator.call(id -> new Request.CreateRoom(id, wanted.name(), wanted.parent(), wanted.password(),
                wanted.minRole(), wanted.bitrate(), wanted.maxUsers()), Reply.RoomCreated.class).room();
    }

    @Test
    void createdRenamedAndMovedRoomsAreAnnouncedToEveryone() {
        RoomInfo parent = create("parent", null);
        member.await(Event.RoomAdded.class, e -> e.room().id() == parent.id());
        assertThat(parent.parent()).isEqualTo(1L);
        assertThat(parent.bitrate()).isEqualTo(32_000);

        RoomInfo child = create("child", null);
        moderator.ok(id -> new Request.MoveRoom(id, child.id(), parent.id()));
        member.await(Event.RoomChanged.class, e -> e.room().id() == child.id() && e.room().parent() == parent.id());

        String newName = TestServer.uniqueName("renamed");
        moderator.ok(id -> new Request.RenameRoom(id, child.id(), newName));
        member.await(Event.RoomChanged.class, e -> e.room().name().equals(newName));

        moderator.assertFails(ErrorCode.NAME_TAKEN, id -> new Request.RenameRoom(id, child.id(), parent.name()));
        moderator.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.MoveRoom(id, parent.id(), child.id()));
        moderator.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.MoveRoom(id, parent.id(), parent.id()));
        moderator.assertFails(ErrorCode.UNKNOWN_ROOM, id -> new Request.MoveRoom(id, 999_999, 1));
        moderator.assertFails(ErrorCode.BAD_REQUEST,
                id -> new Request.CreateRoom(id, "bad/name", null, null, null, null, null));
    }

    @Test
    void membersMayJoinButNotChangeTheTree() {
        member.assertFails(ErrorCode.FORBIDDEN, id -> new Request.CreateRoom(id, "mine", null, null, null, null, null));
        member.assertFails(ErrorCode.FORBIDDEN, id -> new Request.DeleteRoom(id, 1));
        member.assertFails(ErrorCode.UNKNOWN_ROOM, id -> new Request.Join(id, 424_242, null));
        moderator.assertFails(ErrorCode.FORBIDDEN, id -> new Request.DeleteRoom(id, 1));
    }

    @Test
    void deletingARoomDeletesItsSubtreeAndMovesEveryoneInsideToItsParent() {
        RoomInfo top = create("top", null);
        RoomInfo middle = create("middle", top.id());
        RoomInfo bottom = create("bottom", middle.id());
        try (TestClient inBottom = server.registered("deep"); TestClient inMiddle = server.registered("mid")) {
            inBottom.ok(id -> new Request.Join(id, bottom.id(), null));
            inMiddle.ok(id -> new Request.Join(id, middle.id(), null));
            inBottom.say(bottom.id(), "soon gone");

            moderator.ok(id -> new Request.DeleteRoom(id, middle.id()));

            member.await(Event.MemberMoved.class, e -> e.session() == inBottom.session() && e.to() == top.id());
            member.await(Event.MemberMoved.class, e -> e.session() == inMiddle.session() && e.to() == top.id());
            member.await(Event.RoomRemoved.class, e -> e.room() == bottom.id() && e.movedTo() == top.id());
            member.await(Event.RoomRemoved.class, e -> e.room() == middle.id());
            inBottom.await(Event.VoiceGranted.class, e -> e.room() == top.id());
            inBottom.assertFails(ErrorCode.UNKNOWN_ROOM, id -> Request.History.before(id, bottom.id(), null, null));
        }
    }

    @Test
    void passwordRoomsNeedThePasswordAndAdmitWithIt() {
        RoomInfo secret = create(new Request.CreateRoom(0, TestServer.uniqueName("secret"), null, "open sesame",
                null, 64_000, null));
        assertThat(secret.hasPassword()).isTrue();
        assertThat(secret.bitrate()).isEqualTo(64_000);

        member.assertFails(ErrorCode.WRONG_ROOM_PASSWORD, id -> new Request.Join(id, secret.id(), null));
        member.assertFails(ErrorCode.WRONG_ROOM_PASSWORD, id -> new Request.Join(id, secret.id(), "open sesamE"));
        member.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Say(id, secret.id(), "sneaky", false));
        member.ok(id -> new Request.Join(id, secret.id(), "open sesame"));
        moderator.await(Event.MemberMoved.class, e -> e.session() == member.session() && e.to() == secret.id());
        member.ok(id -> new Request.Join(id, 1, null));
    }

    @Test
    void minimumRoleAndMaximumUsersAreEnforced() {
        RoomInfo staff = create(new Request.CreateRoom(0, TestServer.uniqueName("staff"), null, null,
                Role.MODERATOR, null, null));
        member.assertFails(ErrorCode.FORBIDDEN, id -> new Request.Join(id, staff.id(), null));
        moderator.ok(id -> new Request.Join(id, staff.id(), null));
        moderator.ok(id -> new Request.Join(id, 1, null));

        RoomInfo tiny = create(new Request.CreateRoom(0, TestServer.uniqueName("tiny"), null, null, null, null, 1));
        member.ok(id -> new Request.Join(id, tiny.id(), null));
        try (TestClient late = server.registered("late")) {
            late.assertFails(ErrorCode.ROOM_FULL, id -> new Request.Join(id, tiny.id(), null));
        }
        member.ok(id -> new Request.Join(id, 1, null));
    }

    @Test
    void joiningAnnouncesTheMoveAndGrantsAVoiceSessionForTheNewRoom() {
        RoomInfo room = create("voice", null);
        member.drain();
        member.ok(id -> new Request.Join(id, room.id(), null));
        Event.VoiceRevoked revoked = member.await(Event.VoiceRevoked.class);
        Event.VoiceGranted granted = member.await(Event.VoiceGranted.class);
        assertThat(granted.room()).isEqualTo(room.id());
        assertThat(granted.sessionId()).isNotEqualTo(revoked.sessionId());
        assertThat(server.server().voiceSessions().find(granted.sessionId()).room()).isEqualTo(room.id());
        assertThat(server.server().voiceSessions().find(revoked.sessionId())).isNull();
        moderator.await(Event.MemberMoved.class, e -> e.session() == member.session() && e.to() == room.id());
        member.ok(id -> new Request.Join(id, 1, null));
    }
}
