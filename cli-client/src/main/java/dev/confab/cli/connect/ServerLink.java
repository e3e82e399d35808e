package dev.confab.cli.connect;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Failures;
import dev.confab.client.chat.Backoff;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.chat.ConnectOptions;
import dev.confab.client.chat.ConnectionClosedException;
import dev.confab.client.chat.ConnectionState;
import dev.confab.protocol.Account;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * One logged-in connection for one command: connect, log in, wait for the room snapshot, make
 * requests, log out. Commands block on the answers they need ({@link #call}) or pipeline many
 * requests and collect the answers later ({@link #request}).
 *
 * <p>Only {@code tail --follow} asks for {@code reconnecting} links; every other command fails
 * at the first lost connection, since it cannot know whether its last request took effect.
 */
public final class ServerLink implements AutoCloseable {

    public static final String CLIENT_NAME = "confab-cli/0.1";
    private static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(10);
    private static final Duration LOGOUT_WAIT = Duration.ofSeconds(3);
    /** Gives up at the first drop: the smallest positive delays, and no time at all to retry in. */
    private static final Backoff NEVER_RECONNECT =
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 0, Duration.ofNanos(1));

    private final ChatSession session;
    /** The event loop group this link was handed by the warm-up, which it shuts down; null when the session owns its own. */
    private final EventLoopGroup eventLoopGroup;
    private final CompletableFuture<Event.Snapshot> firstSnapshot = new CompletableFuture<>();
    private volatile Event.Bye farewell;
    private Reply.LoggedIn loggedIn;

    public ServerLink(ServerTarget target, boolean reconnecting) {
        this.eventLoopGroup = ConnectionWarmUp.takeEventLoopGroup();
        ConnectOptions options = ConnectOptions.builder(target.server(), target.trust())
                .clientName(CLIENT_NAME)
                .eventLoopGroup(eventLoopGroup)
                .build();
        this.session = new ChatSession(options, reconnecting ? Backoff.DEFAULT : NEVER_RECONNECT);
        session.addEventListener(event -> {
            if (event instanceof Event.Snapshot snapshot) {
                firstSnapshot.complete(snapshot);
            } else if (event instanceof Event.Bye bye) {
                farewell = bye;
            }
        });
        session.addStateListener((state, cause) -> {
            if (state == ConnectionState.ONLINE) {
                farewell = null; // a reason for closing the last connection says nothing about this one
            } else if (state != ConnectionState.CONNECTING && cause != null) {
                firstSnapshot.completeExceptionally(cause);
            }
        });
    }

    /**
     * The session, for commands that listen to events; add listeners before {@link #logIn} so
     * that none is missed.
     */
    public ChatSession session() {
        return session;
    }

    /** Connects, logs in and waits for the snapshot that follows every login. */
    public ServerLink logIn(Login login) throws CliException {
        loggedIn = await(login.start(session));
        try {
            firstSnapshot.get(SNAPSHOT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CliException(Exit.SERVER, "timeout", session.server() + " sent no snapshot after the login");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.FAILURE, "interrupted", "interrupted while logging in");
        }
        return this;
    }

    public Reply.LoggedIn loggedIn() {
        return loggedIn;
    }

    public Account account() {
        return loggedIn.account();
    }

    /** The room tree and who is online, as the server sent it right after the login. */
    public Event.Snapshot snapshot() {
        return firstSnapshot.join();
    }

    /** The longest message the server takes, in characters (from its welcome). */
    public int maxMessageChars() {
        var connection = session.current();
        var welcome = connection == null ? null : connection.welcome();
        return welcome == null ? Limits.MAX_MESSAGE_CHARS : welcome.maxMessageChars();
    }

    /** Sends a request and waits for its answer. */
    public <R extends Reply> R call(LongFunction<Request> request, Class<R> expected) throws CliException {
        return await(session.request(request, expected));
    }

    /** Sends a request without waiting: for pipelining. */
    public <R extends Reply> CompletableFuture<R> request(LongFunction<Request> request, Class<R> expected) {
        return session.request(request, expected);
    }

    /** Waits for {@code answer}, turning its failure into the error line and exit code. */
    public <T> T await(CompletableFuture<T> answer) throws CliException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.FAILURE, "interrupted", "interrupted while waiting for " + session.server());
        }
    }

    /**
     * Like {@link #await(CompletableFuture)}, but gives up after {@code limit} with exit 6
     * {@code timeout} and the message {@code "no WHAT from SERVER within N s"}.
     */
    public <T> T await(CompletableFuture<T> answer, Duration limit, String what) throws CliException {
        try {
            return answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new CliException(Exit.NETWORK, "timeout", "no " + what + " from " + session.server() + " within "
                    + describe(limit), e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(Exit.FAILURE, "interrupted", "interrupted while waiting for " + session.server());
        }
    }

    /** {@code "5 s"}, {@code "0.5 s"}: a time limit as error messages name it. */
    public static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() / 1000.0 + " s";
    }

    /**
     * Like {@link Failures#translate}, but a connection the server closed on purpose is reported
     * with the server's reason (kicked, banned, shutting down) rather than as a network failure.
     */
    public CliException failure(Throwable error) {
        Event.Bye bye = farewell;
        Throwable cause = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        if (bye != null && cause instanceof ConnectionClosedException && bye.code() != ErrorCode.UNKNOWN) {
            return Failures.fromServer(bye.code(), "the server closed the connection: " + bye.reason());
        }
        return Failures.translate(cause);
    }

    /** Logs out (others see this session leave at once, rather than after the resume grace period). */
    @Override
    public void close() {
        try {
            session.logout().get(LOGOUT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The command's own outcome is what matters; a session that did not say goodbye
            // ends on the server when its grace period runs out.
        }
        if (eventLoopGroup != null) {
            eventLoopGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }
}
