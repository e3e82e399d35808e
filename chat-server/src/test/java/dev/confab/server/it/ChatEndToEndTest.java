package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ChatLine;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatEndToEndTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static TestClient alice;
    static TestClient bob;
    static TestClient elsewhere;
    static RoomInfo room;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
        alice = server.withRole("alice", Role.MODERATOR);
        bob = server.registered("bob");
        elsewhere = server.registered("carol");
        room = alice.call(id -> new Request.CreateRoom(id, TestServer.uniqueName("dev"), null, null, null, null, null),
                Reply.RoomCreated.class).room();
        alice.ok(id -> new Request.Join(id, room.id(), null));
        bob.ok(id -> new Request.Join(id, room.id(), null));
    }

    @AfterAll
    static void stop() {
        alice.close();
        bob.close();
        elsewhere.close();
        server.close();
    }

    @Test
    void aMessageIsAcknowledgedWithItsIdAndReachesTheRoomOnly() {
        long id = alice.say(room.id(), "hello, dev");

        Event.MessagePosted seen = bob.await(Event.MessagePosted.class, e -> e.message().id() == id);
        assertThat(seen.message().text()).isEqualTo("hello, dev");
        assertThat(seen.message().name()).isEqualTo(alice.name());
        assertThat(seen.message().room()).isEqualTo(room.id());
        assertThat(seen.message().ts()).isPositive();
        alice.await(Event.MessagePosted.class, e -> e.message().id() == id);
        elsewhere.assertNone(Event.MessagePosted.class, e -> e.message().id() == id, Duration.ofMillis(300));
    }

    @Test
    void meActionsAreMarked() {
        long id = alice.call(r -> new Request.Say(r, room.id(), "waves", true), Reply.Posted.class).messageId();

        assertThat(bob.await(Event.MessagePosted.class, e -> e.message().id() == id).message().action()).isTrue();
    }

    @Test
    void historyPagesBackwardsOldestFirst() {
        RoomInfo quiet = alice.call(id -> new Request.CreateRoom(id, TestServer.uniqueName("log"), null, null, null,
                null, null), Reply.RoomCreated.class).room();
        long[] ids = new long[7];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = alice.say(quiet.id(), "line " + i);
        }

        Reply.HistoryPage newest = alice.call(id -> Request.History.before(id, quiet.id(), null, 3), Reply.HistoryPage.class);
        assertThat(newest.messages()).extracting(ChatLine::text).containsExactly("line 4", "line 5", "line 6");
        assertThat(newest.more()).isTrue();

        long before = newest.messages().get(0).id();
        Reply.HistoryPage older = alice.call(id -> Request.History.before(id, quiet.id(), before, 10), Reply.HistoryPage.class);
        assertThat(older.messages()).extracting(ChatLine::text).containsExactly("line 0", "line 1", "line 2", "line 3");
        assertThat(older.more()).isFalse();

        Reply.HistoryPage catchUp = alice.call(id -> new Request.History(id, quiet.id(), null, ids[2], 3),
                Reply.HistoryPage.class);
        assertThat(catchUp.messages()).extracting(ChatLine::text).containsExactly("line 3", "line 4", "line 5");
        assertThat(catchUp.more()).isTrue();
        assertThat(alice.call(id -> new Request.History(id, quiet.id(), null, ids[6], 3), Reply.HistoryPage.class)
                .messages()).isEmpty();
        alice.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.History(id, quiet.id(), ids[5], ids[1], 3));

        alice.assertFails(ErrorCode.BAD_REQUEST, id -> Request.History.before(id, quiet.id(), null, 0));
        alice.assertFails(ErrorCode.BAD_REQUEST, id -> Request.History.before(id, quiet.id(), null, Limits.MAX_HISTORY_PAGE + 1));
        alice.assertFails(ErrorCode.UNKNOWN_ROOM, id -> Request.History.before(id, 77_777, null, null));
    }

    @Test
    void overlongAndEmptyMessagesAreRefusedAndTheConnectionGoesOn() {
        alice.assertFails(ErrorCode.MESSAGE_TOO_LONG,
                id -> new Request.Say(id, room.id(), "x".repeat(Limits.MAX_MESSAGE_CHARS + 1), false));
        alice.assertFails(ErrorCode.BAD_REQUEST, id -> new Request.Say(id, room.id(), "", false));
        assertThat(alice.say(room.id(), "y".repeat(Limits.MAX_MESSAGE_CHARS))).isPositive();
    }

    @Test
    void aDirectMessageReachesAnOnlinePersonAtOnce() {
        long id = alice.call(r -> new Request.Dm(r, elsewhere.name(), "psst"), Reply.Posted.class).messageId();

        Event.DirectReceived received = elsewhere.await(Event.DirectReceived.class, e -> e.message().id() == id);
        assertThat(received.message().fromName()).isEqualTo(alice.name());
        assertThat(received.message().text()).isEqualTo("psst");
        alice.assertFails(ErrorCode.UNKNOWN_USER, r -> new Request.Dm(r, "nobody-at-all", "hello?"));
    }

    @Test
    void aDirectMessageToSomeoneOfflineArrivesAtTheirNextLoginOnce() {
        String name;
        try (TestClient offline = server.registered("away")) {
            name = offline.name();
        }
        long id = alice.call(r -> new Request.Dm(r, name, "while you were out"), Reply.Posted.class).messageId();

        try (TestClient back = server.connect()) {
            back.login(name, TestServer.PASSWORD);
            assertThat(back.await(Event.DirectReceived.class).message().id()).isEqualTo(id);
        }
        try (TestClient again = server.connect()) {
            again.login(name, TestServer.PASSWORD);
            again.assertNone(Event.DirectReceived.class, e -> true, Duration.ofMillis(500));
        }
    }

    @Test
    void aDirectMessageToAConnectionThatJustDroppedWaitsForTheNextLogin() throws Exception {
        TestClient dropped = server.registered("dropped");
        String name = dropped.name();
        server.dropAndAwaitDetached(() -> dropped.connection().dropAbruptly().get(5, java.util.concurrent.TimeUnit.SECONDS));

        long id = alice.call(r -> new Request.Dm(r, name, "are you there?"), Reply.Posted.class).messageId();

        try (TestClient back = server.connect()) {
            back.login(name, TestServer.PASSWORD);
            assertThat(back.await(Event.DirectReceived.class).message().id()).isEqualTo(id);
        }
    }
}
