package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.confab.client.chat.ChatConnection;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.chat.RequestFailedException;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.trust.TrustPolicy;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Failure;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * A client-core connection with what a test wants to check: the replies to its requests and the
 * events the server pushed, kept in arrival order.
 */
public final class TestClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ChatConnection connection;
    private final LinkedBlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private Reply.LoggedIn login;

    private TestClient(ChatConnection connection) {
        this.connection = connection;
        connection.addEventListener(inbox::add);
        connection.addFailureListener(inbox::add);
    }

    static TestClient connect(TestServer server) {
        return connect(server.port(), server.server().fingerprint());
    }

    /** A connection to a server on loopback, in this process or not. */
    static TestClient connect(int port, String fingerprint) {
        ConnectOptions options = ConnectOptions.builder(new ServerAddress("127.0.0.1", port),
                TrustPolicy.pinned(fingerprint)).build();
        return new TestClient(ChatConnection.open(options).join());
    }

    public ChatConnection connection() {
        return connection;
    }

    public Reply.LoggedIn register(String name) {
        login = call(id -> new Request.Register(id, name, TestServer.PASSWORD), Reply.LoggedIn.class);
        return login;
    }

    public Reply.LoggedIn login(String name, String password) {
        login = call(id -> new Request.Login(id, name, password, null), Reply.LoggedIn.class);
        return login;
    }

    public String name() {
        return login.account().name();
    }

    public long session() {
        return login.session();
    }

    public Reply.LoggedIn loggedIn() {
        return login;
    }

    public <R extends Reply> R call(LongFunction<Request> request, Class<R> type) {
        try {
            return connection.request(request, type).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public void ok(LongFunction<Request> request) {
        call(request, Reply.Ok.class);
    }

    /** Sends a request that must fail, and returns the server's failure. */
    public Failure failure(LongFunction<Request> request) {
        try {
            Reply reply = connection.request(request).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return fail("expected an error but got " + reply);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RequestFailedException failed) {
                return failed.failure();
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public void assertFails(ErrorCode code, LongFunction<Request> request) {
        assertThat(failure(request).code()).isEqualTo(code);
    }

    /** The next message of this type that matches, skipping others; fails after a timeout. */
    public <T extends Message> T await(Class<T> type, Predicate<T> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Message> skipped = new ArrayList<>();
        try {
            while (true) {
                Message next = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    return fail("no " + type.getSimpleName() + " arrived in " + WAIT + "; saw " + skipped);
                }
                if (type.isInstance(next) && matching.test(type.cast(next))) {
                    return type.cast(next);
                }
                skipped.add(next);
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public <T extends Message> T await(Class<T> type) {
        return await(type, any -> true);
    }

    /** Asserts nothing of this type arrives within {@code quiet}. */
    public <T extends Message> void assertNone(Class<T> type, Predicate<T> matching, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        try {
            while (true) {
                Message next = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                if (type.isInstance(next) && matching.test(type.cast(next))) {
                    fail("unexpected " + next);
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Forgets everything received so far. */
    public void drain() {
        inbox.clear();
    }

    public Event.Bye awaitBye() {
        Event.Bye bye = await(Event.Bye.class);
        connection.closeFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return bye;
    }

    public long say(long room, String text) {
        return call(id -> new Request.Say(id, room, text, false), Reply.Posted.class).messageId();
    }

    @Override
    public void close() {
        connection.close().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
