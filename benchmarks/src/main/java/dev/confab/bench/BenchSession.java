package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import io.netty.channel.EventLoopGroup;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What every scenario starts from: one admin connection that logged in with the password (the
 * only Argon2 login of the run), an API token it created for the load connections (token
 * logins cost a SHA-256, so thousands of them measure the server, not password hashing), and
 * fresh rooms with names unique to this run.
 */
final class BenchSession {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);

    private final Target target;
    private final ConnectOptions options;
    private final ChatConnection admin;
    private final String token;
    private final List<Long> rooms;
    private final String tag;

    private BenchSession(Target target, ConnectOptions options, ChatConnection admin, String token, List<Long> rooms,
                         String tag) {
        this.target = target;
        this.options = options;
        this.admin = admin;
        this.token = token;
        this.rooms = rooms;
        this.tag = tag;
    }

    static BenchSession prepare(Target target, EventLoopGroup group, int roomCount, Duration requestTimeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConnectOptions options = ConnectOptions.builder(target.address(), TrustPolicy.pinned(target.fingerprint()))
                .clientName("confab-bench/0.1")
                .requestTimeout(requestTimeout)
                // Bounds the TLS handshake too, which waits behind everything else on a busy server.
                .connectTimeout(Duration.ofSeconds(30))
                .eventLoopGroup(group)
                .build();
        String tag = newTag();
        ChatConnection admin = await(ChatConnection.open(options));
        await(admin.request(id -> new Request.Login(id, target.user(), target.password(), null), Reply.LoggedIn.class));
        String token = await(admin.request(id -> new Request.CreateToken(id, "confab-bench " + tag),
                Reply.TokenCreated.class)).secret();
        List<CompletableFuture<Reply.RoomCreated>> created = new ArrayList<>();
        for (int i = 0; i < roomCount; i++) {
            String name = "bench-" + tag + "-" + i;
            created.add(admin.request(id -> new Request.CreateRoom(id, name, null, null, null, null, null),
                    Reply.RoomCreated.class));
        }
        List<Long> rooms = new ArrayList<>(roomCount);
        for (CompletableFuture<Reply.RoomCreated> room : created) {
            rooms.add(await(room).room().id());
        }
        return new BenchSession(target, options, admin, token, List.copyOf(rooms), tag);
    }

    /** Opens one connection and logs it in with the run's token; a connection that fails to log in is closed. */
    CompletableFuture<ChatConnection> openClient() {
        return openAndLogIn(id -> new Request.Login(id, null, null, token));
    }

    /**
     * Opens one connection and logs in with the admin's password: a full Argon2 verification
     * (64 MiB and about half a second) on the server.
     */
    CompletableFuture<ChatConnection> openPasswordClient() {
        return openAndLogIn(id -> new Request.Login(id, target.user(), target.password(), null));
    }

    /**
     * Opens one connection, hands it to {@code beforeLogin} (e.g. to add an event listener that
     * must not miss what the server sends right after the login reply, such as the voice grant),
     * then logs it in with the run's token; completes with the login reply.
     */
    CompletableFuture<Reply.LoggedIn> openClient(Consumer<ChatConnection> beforeLogin) {
        return ChatConnection.open(options).thenCompose(connection -> {
            beforeLogin.accept(connection);
            return logIn(connection, id -> new Request.Login(id, null, null, token));
        });
    }

    /**
     * A {@link ChatSession} (what a client holds, and what a {@code VoiceEngine} is made for)
     * logged in with the run's token; completes once logged in. The caller logs it out.
     */
    CompletableFuture<ChatSession> openSession() {
        ChatSession session = new ChatSession(options);
        return session.loginWithToken(token).thenApply(loggedIn -> session);
    }

    private CompletableFuture<ChatConnection> openAndLogIn(java.util.function.LongFunction<Request> login) {
        return ChatConnection.open(options).thenCompose(connection ->
                logIn(connection, login).thenApply(loggedIn -> connection));
    }

    private static CompletableFuture<Reply.LoggedIn> logIn(ChatConnection connection,
                                                           java.util.function.LongFunction<Request> login) {
        return connection.request(login, Reply.LoggedIn.class)
                .whenComplete((loggedIn, error) -> {
                    if (error != null) {
                        connection.close();
                    }
                });
    }

    /** Opens {@code count} logged-in connections, {@code parallel} at a time. */
    Bounded.Outcome<ChatConnection> openClients(int count, int parallel, Duration timeout) throws InterruptedException {
        // ChatConnection.open prepares TLS on the calling thread; Bounded calls it from this one.
        return Bounded.run("connect", count, parallel, timeout, i -> openClient());
    }

    /** The admin connection the session was prepared with (logged in with the password); for admin-only requests. */
    ChatConnection admin() {
        return admin;
    }

    Target target() {
        return target;
    }

    /** The rooms made for this run, in creation order. */
    List<Long> rooms() {
        return rooms;
    }

    /** A short random word unique to this run, put in room names and message texts. */
    String tag() {
        return tag;
    }

    private static String newTag() {
        return Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36).substring(0, 6);
    }

    private static <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
