package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.chat.ConnectionState;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeEndToEndTest {
    static final Duration GRACE = Duration.ofSeconds(2);
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir, config -> config.withResumeGrace(GRACE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDroppedClientResumesItsRoomWithoutLeaveOrJoinNoiseAndGetsWhatItMissed() throws Exception {
        try (TestClient watcher = server.registered("watcher"); TestClient talker = server.registered("talker")) {
            TestClient traveller = server.registered("traveller");
            long session = traveller.session();
            traveller.ok(id -> new Request.Join(id, 1, null));
            watcher.drain();

            // Said once the server keeps the session for a resume: anything written to the dead
            // socket before then is lost with it (clients recover that through history "after").
            server.dropAndAwaitDetached(() -> traveller.connection().dropAbruptly().get(5, TimeUnit.SECONDS));
            long missed = talker.say(1, "said while you were gone");

            try (TestClient back = server.connect()) {
                Reply.Resumed resumed = back.call(id -> new Request.Resume(id, traveller.loggedIn().resumeToken()),
                        Reply.Resumed.class);
                assertThat(resumed.session()).isEqualTo(session);
                assertThat(resumed.resumeToken()).isNotEqualTo(traveller.loggedIn().resumeToken());
                Event.Snapshot snapshot = back.await(Event.Snapshot.class);
                assertThat(snapshot.members()).anySatisfy(m -> assertThat(m.session()).isEqualTo(session));
                assertThat(back.await(Event.MessagePosted.class).message().id()).isEqualTo(missed);
                back.await(Event.VoiceGranted.class);
                assertThat(back.say(1, "I'm back")).isPositive();

                watcher.assertNone(Event.MemberLeft.class, e -> e.session() == session, Duration.ofMillis(300));
                watcher.assertNone(Event.MemberJoined.class, e -> e.member().session() == session, Duration.ofMillis(10));

                try (TestClient thief = server.connect()) {
                    thief.assertFails(ErrorCode.RESUME_FAILED,
                            id -> new Request.Resume(id, traveller.loggedIn().resumeToken()));
                }
            }
        }
    }

    @Test
    void clientCoresSessionResumesByItselfAfterADrop() throws Exception {
        try (TestClient watcher = server.registered("watcher"); TestClient talker = server.registered("talker")) {
            String name = TestServer.uniqueName("roamer");
            ChatSession session = new ChatSession(ConnectOptions.builder(new ServerAddress("127.0.0.1", server.port()),
                    TrustPolicy.pinned(server.server().fingerprint())).build());
            LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
            session.addEventListener(events::add);
            long sessionId = session.register(name, TestServer.PASSWORD).get(10, TimeUnit.SECONDS).session();
            CountDownLatch backOnline = new CountDownLatch(2);
            session.addStateListener((state, cause) -> {
                if (state == ConnectionState.RECONNECTING || state == ConnectionState.ONLINE) {
                    backOnline.countDown();
                }
            });

            server.dropAndAwaitDetached(() -> session.current().dropAbruptly().get(5, TimeUnit.SECONDS));
            long missed = talker.say(1, "while roaming");

            assertThat(backOnline.await(10, TimeUnit.SECONDS)).isTrue();
            Event event;
            do {
                event = events.poll(10, TimeUnit.SECONDS);
            } while (event != null && !(event instanceof Event.MessagePosted posted && posted.message().id() == missed));
            assertThat(event).as("the message sent while the connection was down").isNotNull();
            assertThat(session.request(id -> new Request.Say(id, 1, "back", false), Reply.Posted.class)
                    .get(10, TimeUnit.SECONDS).messageId()).isPositive();
            watcher.assertNone(Event.MemberLeft.class, e -> e.session() == sessionId, Duration.ofMillis(300));
            session.logout().get(10, TimeUnit.SECONDS);
            watcher.await(Event.MemberLeft.class, e -> e.session() == sessionId);
        }
    }

    @Test
    void afterTheGracePeriodTheSessionIsGoneAndEveryoneIsTold() throws Exception {
        try (TestClient watcher = server.registered("watcher")) {
            TestClient leaver = server.registered("leaver");
            int voice = leaver.await(Event.VoiceGranted.class).sessionId();
            leaver.connection().dropAbruptly().get(5, TimeUnit.SECONDS);

            watcher.await(Event.MemberLeft.class, e -> e.session() == leaver.session());
            assertThat(server.server().voiceSessions().find(voice)).isNull();
            try (TestClient late = server.connect()) {
                late.assertFails(ErrorCode.RESUME_FAILED, id -> new Request.Resume(id, leaver.loggedIn().resumeToken()));
            }
        }
    }

    @Test
    void aResumeTakesOverFromAConnectionTheServerStillThinksIsAlive() {
        try (TestClient original = server.registered("twin"); TestClient newer = server.connect()) {
            newer.call(id -> new Request.Resume(id, original.loggedIn().resumeToken()), Reply.Resumed.class);

            original.connection().closeFuture().orTimeout(5, TimeUnit.SECONDS).join();
            assertThat(newer.say(1, "still me")).isPositive();
        }
    }

}
