package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.app.BackendOptions;
import dev.confab.client.app.ChatEntry;
import dev.confab.client.app.ClientBackend;
import dev.confab.client.app.ClientCommand;
import dev.confab.client.app.ClientState;
import dev.confab.client.app.Conversation;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.device.NullBackend;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.client.voice.VoiceTransport;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend the terminal UI renders, against the real server: two people connect, see each
 * other, chat in rooms (with history and unread counts), send direct messages, get clear errors
 * for bad commands, and have voice running; what each would see is read from the published
 * {@link ClientState} snapshots only, as a UI does.
 */
class ClientBackendEndToEndTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private TestServer server;
    private final List<ClientBackend> backends = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        backends.forEach(ClientBackend::close);
        server.close();
    }

    @Test
    void twoPeopleChatSeeEachOtherAndCountUnread() throws Exception {
        try (TestClient admin = server.withRole("admin", Role.ADMIN)) {
            String ann = TestServer.uniqueName("ann");
            String bob = TestServer.uniqueName("bob");
            ClientBackend a = connect(new ClientCommand.Login.Register(ann, TestServer.PASSWORD), null);
            ClientBackend b = connect(new ClientCommand.Login.Register(bob, TestServer.PASSWORD), null);
            ClientState seen = await(a, s -> s.membersOf(s.me().room()).stream().anyMatch(m -> m.name().equals(bob)),
                    "ann sees bob in the lobby");
            assertThat(seen.viewing()).isEqualTo(Conversation.room(seen.me().room()));
            long lobby = seen.me().room();

            a.submit(new ClientCommand.Say("hello bob"));
            await(b, s -> lines(s, Conversation.room(lobby)).stream().anyMatch(e -> e.text().equals("hello bob")
                    && e.author().equals(ann) && e.kind() == ChatEntry.Kind.MESSAGE), "bob reads it");

            a.submit(new ClientCommand.CreateRoom("Den", null));
            await(a, s -> lines(s, s.viewing()).stream().anyMatch(e -> e.kind() == ChatEntry.Kind.ERROR
                    && e.text().contains("forbidden")), "a member may not create rooms: the server's code is shown");
            admin.call(id -> new Request.CreateRoom(id, "Den", null, null, null, null, null), Reply.RoomCreated.class);
            await(b, s -> s.rooms().stream().anyMatch(r -> r.name().equals("Den")), "bob sees the new room");
            await(a, s -> s.rooms().stream().anyMatch(r -> r.name().equals("Den")), "so does ann");
            a.submit(new ClientCommand.Join("den", null));
            ClientState moved = await(a, s -> s.room() != null && s.room().name().equals("Den"), "ann is in Den");
            assertThat(moved.viewing()).isEqualTo(Conversation.room(moved.room().id()));
            await(b, s -> s.members().stream().anyMatch(m -> m.name().equals(ann) && m.room() == moved.room().id()),
                    "bob sees ann move");

            // Bob comes to Den too, but looks back at the lobby's log: what is said in Den is unread.
            b.submit(new ClientCommand.Join("Den", null));
            await(b, s -> s.room() != null && s.room().id() == moved.room().id(), "bob is in Den");
            b.submit(new ClientCommand.View(Conversation.room(lobby)));
            await(b, s -> Conversation.room(lobby).equals(s.viewing()), "bob looks at the lobby");
            a.submit(new ClientCommand.Act("waves"));
            await(b, s -> s.log(Conversation.room(moved.room().id())).unread() == 1
                    && lines(s, Conversation.room(moved.room().id())).stream()
                    .anyMatch(e -> e.kind() == ChatEntry.Kind.ACTION && e.text().equals("waves")),
                    "bob has one unread line in Den, an action");
            b.submit(new ClientCommand.View(Conversation.room(moved.room().id())));
            await(b, s -> s.log(Conversation.room(moved.room().id())).unread() == 0, "viewing clears it");

            b.submit(new ClientCommand.Direct(ann, "psst"));
            await(a, s -> lines(s, Conversation.direct(bob)).stream().anyMatch(e -> e.text().equals("psst")
                    && e.kind() == ChatEntry.Kind.DIRECT) && s.log(Conversation.direct(bob)).unread() == 1,
                    "ann gets the direct message, unread");
            await(b, s -> Conversation.direct(ann).equals(s.viewing())
                    && lines(s, Conversation.direct(ann)).stream().anyMatch(e -> e.text().equals("psst")),
                    "bob's own direct message shows in his view of it");

            a.submit(new ClientCommand.Join("no such room", null));
            await(a, s -> lines(s, s.viewing()).stream().anyMatch(e -> e.kind() == ChatEntry.Kind.ERROR
                    && e.text().contains("there is no room no such room")), "a clear error in the chat pane");
            assertThat(a.state().phase()).isEqualTo(ClientState.Phase.ONLINE);
        }
    }

    @Test
    void historyIsThereWhenARoomIsFirstViewedAndVoiceRuns() throws Exception {
        try (TestClient early = server.registered("early")) {
            for (int i = 1; i <= 3; i++) {
                int n = i;
                early.call(id -> new Request.Say(id, 1, "before " + n, false), Reply.Posted.class);
            }
            ClientBackend a = connect(new ClientCommand.Login.Register(TestServer.uniqueName("late"),
                    TestServer.PASSWORD), new VoiceEngine.Devices(new NullBackend(), null, new NullBackend(), null));
            await(a, s -> lines(s, Conversation.room(1)).stream().map(ChatEntry::text).toList()
                    .containsAll(List.of("before 1", "before 2", "before 3")), "the lobby's history");
            await(a, s -> s.voice() != null && s.voice().transport() == VoiceTransport.UDP, "voice over UDP");
            a.submit(new ClientCommand.SetMuted(true));
            await(a, s -> s.voice().muted() && s.me().muted(), "muted, and the server knows");
        }
    }

    /** In an echo room the engine sends its voice as an echo test (the relay returns it to the sender only). */
    @Test
    void anEchoRoomTurnsTheEchoTestOnWhileYouAreInIt() throws Exception {
        try (TestClient admin = server.withRole("admin", Role.ADMIN)) {
            admin.call(id -> new Request.CreateRoom(id, "Echo", null, null, null, null, null, true), Reply.RoomCreated.class);
            ClientBackend a = connect(new ClientCommand.Login.Register(TestServer.uniqueName("mic"), TestServer.PASSWORD),
                    new VoiceEngine.Devices(new NullBackend(), null, new NullBackend(), null));
            await(a, s -> s.voice() != null && !s.voice().echoTest(), "voice on, no echo in the lobby");
            a.submit(new ClientCommand.Join("Echo", null));
            await(a, s -> s.room() != null && s.room().echo() && s.voice().echoTest()
                    && lines(s, s.viewing()).stream().anyMatch(e -> e.text().contains("Echo is an echo room")),
                    "echoing in the echo room, and told so");
            a.submit(new ClientCommand.Join("Lobby", null));
            await(a, s -> s.room() != null && !s.room().echo() && !s.voice().echoTest(), "no echo once out of it");
            a.submit(new ClientCommand.Echo(true));
            await(a, s -> s.voice().echoTest(), "the person's own /echo still works outside");
        }
    }

    private ClientBackend connect(ClientCommand.Login login, VoiceEngine.Devices devices) {
        BackendOptions options = BackendOptions.chatOnly("confab-test").withDevices(devices)
                .withCapture(CaptureOptions.DEFAULT.withMode(TransmitMode.PUSH_TO_TALK));
        ClientBackend backend = new ClientBackend(options);
        backends.add(backend);
        backend.submit(new ClientCommand.Connect(new ServerAddress("127.0.0.1", server.port()),
                TrustPolicy.pinned(server.server().fingerprint()), login, null));
        return backend;
    }

    private static List<ChatEntry> lines(ClientState s, Conversation c) {
        return c == null ? List.of() : s.log(c).entries();
    }

    /** Waits for a published snapshot that passes {@code test}, as a UI would see it. */
    private static ClientState await(ClientBackend backend, Predicate<ClientState> test, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            ClientState s = backend.state();
            if (s.me() != null && test.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what + "; last state: phase " + s.phase() + ", problem "
                        + s.problem() + ", viewing " + s.viewing() + ", lines " + (s.viewing() == null ? List.of()
                        : s.log(s.viewing()).entries()));
            }
            Thread.sleep(10);
        }
    }
}
