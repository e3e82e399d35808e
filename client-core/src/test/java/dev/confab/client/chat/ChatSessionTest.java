package dev.confab.client.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.trust.FingerprintMismatchException;
import dev.confab.client.trust.KnownServers;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.ChatLine;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.VoiceTunnel;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resuming session against the fake server: drops, resume, falling back to login, and the end. */
class ChatSessionTest {

    private static SelfSignedCertificate certificate;
    private static SelfSignedCertificate otherCertificate;

    @TempDir
    Path folder;

    private FakeChatServer server;
    private ChatSession session;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Throwable> causes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificate = FakeChatServer.newCertificate();
        otherCertificate = FakeChatServer.newCertificate();
    }

    @AfterAll
    static void deleteCertificates() {
        certificate.delete();
        otherCertificate.delete();
    }

    @BeforeEach
    void startServer() throws Exception {
        server = FakeChatServer.tls(certificate);
    }

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.logout().exceptionally(error -> null).get(5, TimeUnit.SECONDS);
        }
        server.close();
    }

    private ChatSession newSession(Backoff backoff) {
        KnownServers known = new KnownServers(folder.resolve("known_servers"));
        ConnectOptions options = ConnectOptions.builder(server.address(), TrustPolicy.trustOnFirstUse(known))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        session = new ChatSession(options, backoff);
        session.addEventListener(events::add);
        session.addStateListener((state, cause) -> {
            states.add(state);
            causes.add(cause == null ? new Throwable("none") : cause);
        });
        return session;
    }

    private ChatSession newSession() {
        return newSession(Backoff.DEFAULT);
    }

    private static Event.MessagePosted posted(long id, String text) {
        return new Event.MessagePosted(new ChatLine(id, 1, 2, "ann", text, false, id));
    }

    private Event nextEvent() throws InterruptedException {
        Event event = events.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("an event within 5 s").isNotNull();
        return event;
    }

    private void awaitState(ConnectionState wanted) throws InterruptedException {
        Await.until("state " + wanted + " (states so far: " + states + ")", () -> session.state() == wanted);
    }

    @Test
    void afterADropTheSessionResumesWithItsTokenAndListenersKeepGettingEvents() throws Exception {
        Reply.LoggedIn loggedIn = Await.result(newSession().login("ann", "correct horse"));
        assertThat(nextEvent()).isInstanceOf(Event.Snapshot.class);
        server.missedWhileAway(List.of(posted(10, "said while you were away")));
        server.received().clear();

        session.current().dropAbruptly();

        assertThat(server.awaitReceived(Request.Resume.class).token()).isEqualTo(loggedIn.resumeToken());
        assertThat(nextEvent()).isInstanceOf(Event.Snapshot.class);
        assertThat(nextEvent()).isEqualTo(posted(10, "said while you were away"));
        awaitState(ConnectionState.ONLINE);
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.ONLINE,
                ConnectionState.RECONNECTING, ConnectionState.ONLINE);
        assertThat(causes.get(2)).isInstanceOf(ConnectionClosedException.class).hasMessageContaining("lost");

        server.sendToAll(posted(11, "and now"));
        assertThat(nextEvent()).isEqualTo(posted(11, "and now"));
        assertThat(Await.result(session.request(id -> new Request.Say(id, 1, "back", false)))).isInstanceOf(Reply.Posted.class);
    }

    @Test
    void aSecondDropResumesWithTheTokenTheFirstResumeGave() throws Exception {
        Reply.LoggedIn loggedIn = Await.result(newSession().login("ann", "correct horse"));
        session.current().dropAbruptly();
        Await.until("back online after the first drop", () -> states.equals(List.of(ConnectionState.CONNECTING,
                ConnectionState.ONLINE, ConnectionState.RECONNECTING, ConnectionState.ONLINE)));
        String rotated = server.lastIssuedToken();
        assertThat(rotated).isNotEqualTo(loggedIn.resumeToken());
        server.received().clear();

        session.current().dropAbruptly();

        assertThat(server.awaitReceived(Request.Resume.class).token()).isEqualTo(rotated);
        awaitState(ConnectionState.ONLINE);
        assertThat(server.received()).noneMatch(Request.Login.class::isInstance);
    }

    @Test
    void whenResumeFailsTheSessionLogsInAgainWithItsPassword() throws Exception {
        Await.result(newSession().login("ann", "correct horse"));
        server.allowResume(false);
        server.received().clear();

        session.current().dropAbruptly();

        server.awaitReceived(Request.Resume.class);
        Request.Login login = server.awaitReceived(Request.Login.class);
        assertThat(login.name()).isEqualTo("ann");
        assertThat(login.password()).isEqualTo("correct horse");
        awaitState(ConnectionState.ONLINE);
    }

    @Test
    void whenResumeFailsATokenSessionLogsInAgainWithItsToken() throws Exception {
        Await.result(newSession().loginWithToken("api-token-secret"));
        server.allowResume(false);
        server.received().clear();

        session.current().dropAbruptly();

        assertThat(server.awaitReceived(Request.Login.class).token()).isEqualTo("api-token-secret");
        awaitState(ConnectionState.ONLINE);
    }

    @Test
    void afterRegisteringAFailedResumeLogsInWithTheNewAccount() throws Exception {
        Await.result(newSession().register("newcomer", "a long password"));
        server.allowResume(false);

        session.current().dropAbruptly();

        Request.Login login = server.awaitReceived(Request.Login.class);
        assertThat(login.name()).isEqualTo("newcomer");
        awaitState(ConnectionState.ONLINE);
    }

    @Test
    void requestsFailFastWhileReconnectingAndTheSessionComesBackWithTheServer() throws Exception {
        Await.result(newSession().login("ann", "correct horse"));
        int port = server.port();

        server.close();
        awaitState(ConnectionState.RECONNECTING);
        Throwable failure = Await.failure(session.request(id -> new Request.Say(id, 1, "hello?", false)));
        assertThat(failure).isInstanceOf(ConnectionClosedException.class).hasMessageContaining("reconnecting");

        // A restarted server knows no sessions: the resume fails and the session logs in again.
        server = FakeChatServer.tls(certificate, port);
        server.awaitReceived(Request.Resume.class);
        server.awaitReceived(Request.Login.class);
        awaitState(ConnectionState.ONLINE);
    }

    @Test
    void theSessionGivesUpAfterTheConfiguredTime() throws Exception {
        Await.result(newSession(Backoff.DEFAULT.givingUpAfter(Duration.ofMillis(400))).login("ann", "correct horse"));

        server.close();

        Throwable cause = Await.failure(session.closeFuture());
        assertThat(cause).isInstanceOf(ConnectionClosedException.class).hasMessageContaining("gave up reconnecting");
        assertThat(states).endsWith(ConnectionState.RECONNECTING, ConnectionState.CLOSED);
    }

    @Test
    void aServerPresentingAnotherCertificateOnReconnectEndsTheSession() throws Exception {
        Await.result(newSession().login("ann", "correct horse"));
        int port = server.port();
        server.close();
        server = FakeChatServer.tls(otherCertificate, port);

        Throwable cause = Await.failure(session.closeFuture());

        assertThat(cause).isInstanceOf(FingerprintMismatchException.class);
        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void logoutSaysSoAndDoesNotReconnect() throws Exception {
        Await.result(newSession().login("ann", "correct horse"));
        server.received().clear();

        Await.result(session.logout());

        server.awaitReceived(Request.Logout.class);
        assertThat(session.state()).isEqualTo(ConnectionState.CLOSED);
        Thread.sleep(300);
        assertThat(server.received()).noneMatch(Request.Hello.class::isInstance);
        assertThat(Await.failure(session.login("ann", "again"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWrongPasswordEndsTheSession() throws Exception {
        Throwable failure = Await.failure(newSession().login("ann", FakeChatServer.WRONG_PASSWORD));

        assertThat(failure).isInstanceOf(RequestFailedException.class);
        assertThat(((RequestFailedException) failure).code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CLOSED);
        Await.until("the refused connection is closed", () -> server.connectedClients() == 0);
    }

    @Test
    void aKickEndsTheSessionWithoutReconnecting() throws Exception {
        Await.result(newSession().login("ann", "correct horse"));
        server.received().clear();

        server.sendToAll(new Event.Bye(ErrorCode.KICKED, "cool off"));
        server.close();

        Throwable cause = Await.failure(session.closeFuture());
        assertThat(cause).hasMessageContaining("kicked: cool off");
        assertThat(events).anyMatch(Event.Bye.class::isInstance);
        assertThat(states).endsWith(ConnectionState.ONLINE, ConnectionState.CLOSED);
    }

    @Test
    void voicePacketsGoThroughTheConnectionBothWaysButNotIntoTheEventStream() throws Exception {
        server.onVoiceTunnel((client, packet) -> client.send(new VoiceTunnel("back:" + packet.packet())));
        BlockingQueue<VoiceTunnel> tunnelled = new LinkedBlockingQueue<>();
        newSession().addVoiceTunnelListener(tunnelled::add);
        assertThat(session.sendVoiceTunnel(new VoiceTunnel("AAAA"))).as("before login").isFalse();

        Await.result(session.login("ann", "correct horse"));
        assertThat(nextEvent()).isInstanceOf(Event.Snapshot.class);
        assertThat(session.sendVoiceTunnel(new VoiceTunnel("AAAA"))).isTrue();

        assertThat(tunnelled.poll(5, TimeUnit.SECONDS)).isEqualTo(new VoiceTunnel("back:AAAA"));
        assertThat(server.received()).contains(new VoiceTunnel("AAAA"));
        // It came after the snapshot and before this event: had it been an event, it would be in between.
        server.sendToAll(posted(1, "after the voice"));
        assertThat(nextEvent()).isEqualTo(posted(1, "after the voice"));

        // Voice is never queued for a reconnect: while the connection is down it is dropped.
        server.close();
        awaitState(ConnectionState.RECONNECTING);
        assertThat(session.sendVoiceTunnel(new VoiceTunnel("AAAA"))).isFalse();
    }

    @Test
    void theSessionKeepsItsVoiceGrantUntilRevokedOrEnded() throws Exception {
        Event.VoiceGranted grant = new Event.VoiceGranted(77, "a2V5", "127.0.0.1", 7700, 1, 24_000);
        server.grantVoiceOnLogin(grant);
        Await.result(newSession().login("ann", "correct horse"));
        Await.until("the grant", () -> grant.equals(session.voiceGrant()));

        server.sendToAll(new Event.VoiceRevoked(78));
        server.sendToAll(posted(1, "marker"));
        assertThat(nextEvent()).isInstanceOf(Event.Snapshot.class);
        assertThat(nextEvent()).isEqualTo(grant);
        assertThat(nextEvent()).isEqualTo(new Event.VoiceRevoked(78));
        assertThat(nextEvent()).isEqualTo(posted(1, "marker"));
        assertThat(session.voiceGrant()).as("another session's revoke changes nothing").isEqualTo(grant);

        session.current().dropAbruptly();
        awaitState(ConnectionState.RECONNECTING);
        assertThat(session.voiceGrant()).as("kept across a drop").isEqualTo(grant);
        awaitState(ConnectionState.ONLINE);

        server.sendToAll(new Event.VoiceRevoked(77));
        Await.until("the grant revoked", () -> session.voiceGrant() == null);
        server.sendToAll(grant);
        Await.until("granted again", () -> grant.equals(session.voiceGrant()));
        Await.result(session.logout());
        assertThat(session.voiceGrant()).isNull();
    }
}
