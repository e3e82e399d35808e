package dev.confab.client.chat;

import dev.confab.client.trust.ServerAddress;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Failure;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.VoiceTunnel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A login on a chat server that outlives dropped connections: what the clients and tests hold.
 *
 * <p>Lifecycle: a session serves one login. It starts {@link ConnectionState#CLOSED}; login,
 * {@link #loginWithToken} or {@link #register} make it CONNECTING, then ONLINE. When the
 * connection drops without a logout it goes RECONNECTING: it reconnects with {@link Backoff}
 * and resumes the server-side session with the last resume token, so the server replays what
 * was missed; when the server no longer has that session (grace period over) it logs in again
 * with the same name and password or token. It ends CLOSED for good on {@link #logout()},
 * on a failure that trying again cannot fix (wrong password, ban, kick, fingerprint mismatch),
 * or when the backoff gives up. To log in again, make a new session.
 *
 * <p>Requests fail at once with {@link ConnectionClosedException} while the session is not
 * ONLINE, rather than waiting for a reconnect: whoever made the request (a person, a script)
 * decides whether to send it again, so nothing is ever sent twice by surprise.
 *
 * <p>Threading: all of the session's state lives on one Netty event loop, shared with its
 * connections: one loop of the options' group, or the session's own one-thread group. Replies,
 * reconnect decisions and every listener run there, in order, so listeners must not block.
 * Public methods may be called from any thread and never block. Opening a connection reads the
 * known_servers file, so that step runs on the JDK's common pool instead.
 */
public final class ChatSession {

    /** Told of every state change, on the session's event loop. */
    @FunctionalInterface
    public interface StateListener {
        /** @param cause why the session is RECONNECTING or CLOSED; null when it logged out or is fine */
        void stateChanged(ConnectionState state, Throwable cause);
    }

    private record StateChange(ConnectionState state, Throwable cause) {
    }

    private static final Logger log = LoggerFactory.getLogger(ChatSession.class);

    /** Refusals that may pass if the session tries again later. */
    private static final Set<ErrorCode> PASSING_REFUSALS =
            EnumSet.of(ErrorCode.SHUTTING_DOWN, ErrorCode.RATE_LIMITED, ErrorCode.INTERNAL);
    /** Bye codes after which reconnecting would defy a moderator. */
    private static final Set<ErrorCode> FINAL_BYES = EnumSet.of(ErrorCode.KICKED, ErrorCode.BANNED);

    private final ConnectOptions connectionOptions;
    private final Backoff backoff;
    private final EventLoop eventLoop;
    private final SessionLoop loop;
    private final EventLoopGroup ownedGroup;
    private final AtomicBoolean used = new AtomicBoolean();
    private final Listeners<Event> eventListeners = new Listeners<>();
    private final Listeners<Failure> failureListeners = new Listeners<>();
    private final Listeners<StateChange> stateListeners = new Listeners<>();
    private final Listeners<VoiceTunnel> voiceTunnelListeners = new Listeners<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    // Written only on the loop; volatile so that request() and the getters may read them anywhere.
    private volatile ConnectionState state = ConnectionState.CLOSED;
    private volatile ChatConnection current;
    private volatile Event.VoiceGranted voiceGrant;

    // Only touched on the loop.
    private CompletableFuture<Reply.LoggedIn> firstLogin;
    private Credentials credentials;
    private String resumeToken;
    private Event.Bye farewell;
    private long droppedAtNanos;
    private Duration nextDelay;
    private boolean finished;

    public ChatSession(ConnectOptions options) {
        this(options, Backoff.DEFAULT);
    }

    public ChatSession(ConnectOptions options, Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.ownedGroup = options.eventLoopGroup() == null ? new NioEventLoopGroup(1) : null;
        EventLoop eventLoop = (ownedGroup != null ? ownedGroup : options.eventLoopGroup()).next();
        this.eventLoop = eventLoop;
        this.loop = new SessionLoop(eventLoop);
        // Every connection runs on the session's loop, so its callbacks need no hand-over.
        this.connectionOptions = options.withEventLoopGroup(eventLoop);
    }

    public CompletableFuture<Reply.LoggedIn> login(String name, String password) {
        Credentials byPassword = new Credentials.Password(name, password);
        return start(byPassword, byPassword::login);
    }

    /** Logs in with an API token alone, and again with it when a session cannot be resumed. */
    public CompletableFuture<Reply.LoggedIn> loginWithToken(String token) {
        Credentials byToken = new Credentials.Token(token);
        return start(byToken, byToken::login);
    }

    /** Creates the account and logs in; later logins (after a failed resume) use the same name and password. */
    public CompletableFuture<Reply.LoggedIn> register(String name, String password) {
        return start(new Credentials.Password(name, password), id -> new Request.Register(id, name, password));
    }

    private CompletableFuture<Reply.LoggedIn> start(Credentials loginAgainWith, LongFunction<Request> firstRequest) {
        if (!used.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("this session was already used; make a new ChatSession to log in again"));
        }
        CompletableFuture<Reply.LoggedIn> result = new CompletableFuture<>();
        loop.run(() -> {
            firstLogin = result;
            setState(ConnectionState.CONNECTING, null);
            loop.whenDone(openConnection(Duration.ZERO), (connection, error) -> {
                if (error != null) {
                    end(error);
                } else if (adopt(connection)) {
                    logInFirst(connection, firstRequest, loginAgainWith);
                }
            });
        });
        return result;
    }

    private void logInFirst(ChatConnection connection, LongFunction<Request> firstRequest, Credentials loginAgainWith) {
        loop.whenDone(connection.request(firstRequest, Reply.LoggedIn.class), (loggedIn, refused) -> {
            if (connection != current) {
                return; // logged out meanwhile
            }
            if (refused != null) {
                end(refused);
                return;
            }
            credentials = loginAgainWith;
            online(loggedIn.resumeToken());
            firstLogin.complete(loggedIn);
        });
    }

    /**
     * Like {@link ChatConnection#request(LongFunction)} on the current connection; fails at once
     * with {@link ConnectionClosedException} unless the session is ONLINE.
     */
    public CompletableFuture<Reply> request(LongFunction<Request> build) {
        ConnectionState now = state;
        ChatConnection connection = current;
        if (now != ConnectionState.ONLINE || connection == null) {
            return CompletableFuture.failedFuture(new ConnectionClosedException(
                    "not connected to " + server() + " (" + now.name().toLowerCase(Locale.ROOT) + ")"));
        }
        return connection.request(build);
    }

    public <R extends Reply> CompletableFuture<R> request(LongFunction<Request> build, Class<R> expected) {
        return Futures.expecting(request(build), expected);
    }

    /** Sends logout, closes, and ends the session without reconnecting. Completes when closed. */
    public CompletableFuture<Void> logout() {
        used.set(true);
        loop.run(() -> end(null));
        return ended;
    }

    /**
     * Events of whichever connection is current, in order, on the session's loop: a listener
     * added once keeps receiving across reconnects. It must not block.
     */
    public void addEventListener(Consumer<Event> listener) {
        eventListeners.add(listener);
    }

    /** Errors of the current connection that answer no request (see {@link ChatConnection#addFailureListener}). */
    public void addFailureListener(Consumer<Failure> listener) {
        failureListeners.add(listener);
    }

    /** Stops calling {@code listener} (the same object that was added); false if it was not added. */
    public boolean removeEventListener(Consumer<Event> listener) {
        return eventListeners.remove(listener);
    }

    /**
     * Voice packets the server tunnels over whichever connection is current (see
     * {@link ChatConnection#addVoiceTunnelListener}), on the session's loop. They are not events.
     */
    public void addVoiceTunnelListener(Consumer<VoiceTunnel> listener) {
        voiceTunnelListeners.add(listener);
    }

    public boolean removeVoiceTunnelListener(Consumer<VoiceTunnel> listener) {
        return voiceTunnelListeners.remove(listener);
    }

    /**
     * Sends a voice packet over the current connection, fire and forget (see
     * {@link ChatConnection#sendVoiceTunnel}); false, and dropped, unless the session is ONLINE.
     * Never waits for a reconnect: voice that cannot go now is worthless later.
     */
    public boolean sendVoiceTunnel(VoiceTunnel packet) {
        ChatConnection connection = current;
        return state == ConnectionState.ONLINE && connection != null && connection.sendVoiceTunnel(packet);
    }

    /**
     * The voice session the server granted last and has not revoked, or null. It survives a
     * reconnect (the server keeps the voice session while it keeps the chat session, and sends
     * it again on resume) and is cleared when the session ends. Lets a voice transport created
     * after login pick up the grant it missed.
     */
    public Event.VoiceGranted voiceGrant() {
        return voiceGrant;
    }

    /**
     * The one event loop the session's state, its connections and all its listeners run on.
     * Other parts of the client that serve this session (the voice transport) run there too,
     * so they need no locks with it. Never block it.
     */
    public EventLoop eventLoop() {
        return eventLoop;
    }

    public void addStateListener(StateListener listener) {
        stateListeners.add(change -> listener.stateChanged(change.state(), change.cause()));
    }

    public ConnectionState state() {
        return state;
    }

    /**
     * The connection in use, or null while there is none (before login, while reconnecting,
     * after the end). For tests and diagnostics: closing it directly counts as a drop, after
     * which the session reconnects; {@link #logout()} is how a session ends.
     */
    public ChatConnection current() {
        return current;
    }

    public ServerAddress server() {
        return connectionOptions.server();
    }

    /**
     * Completes when the session has ended and released its connection: normally after
     * {@link #logout()}, exceptionally with the reason otherwise.
     */
    public CompletableFuture<Void> closeFuture() {
        return ended;
    }

    /** Takes {@code connection} as the current one, unless the session ended while it was being opened. */
    private boolean adopt(ChatConnection connection) {
        if (finished) {
            connection.disconnect();
            return false;
        }
        current = connection;
        farewell = null;
        connection.addEventListener(event -> {
            if (connection == current) {
                if (event instanceof Event.Bye bye) {
                    farewell = bye;
                } else if (event instanceof Event.VoiceGranted grant) {
                    voiceGrant = grant;
                } else if (event instanceof Event.VoiceRevoked revoked && voiceGrant != null
                        && voiceGrant.sessionId() == revoked.sessionId()) {
                    voiceGrant = null;
                }
                eventListeners.deliver(event);
            }
        });
        connection.addVoiceTunnelListener(packet -> {
            if (connection == current) {
                voiceTunnelListeners.deliver(packet);
            }
        });
        connection.addFailureListener(failure -> {
            if (connection == current) {
                failureListeners.deliver(failure);
            }
        });
        loop.whenDone(connection.closeFuture(), (closed, error) -> dropped(connection));
        return true;
    }

    private void online(String newResumeToken) {
        if (newResumeToken != null) {
            resumeToken = newResumeToken;
        }
        nextDelay = null;
        setState(ConnectionState.ONLINE, null);
    }

    private void dropped(ChatConnection connection) {
        if (connection != current || state != ConnectionState.ONLINE) {
            // Given up on already, or still being set up: the failing request handles that.
            return;
        }
        current = null;
        Event.Bye bye = farewell;
        String reason = bye == null ? "" : " (" + bye.code().wireName() + ": " + bye.reason() + ")";
        if (bye != null && FINAL_BYES.contains(bye.code())) {
            end(new ConnectionClosedException(server() + " ended the session" + reason));
            return;
        }
        ConnectionClosedException lost = new ConnectionClosedException("connection to " + server() + " lost" + reason);
        log.info("{}; reconnecting", lost.getMessage());
        setState(ConnectionState.RECONNECTING, lost);
        droppedAtNanos = System.nanoTime();
        nextDelay = backoff.initialDelay();
        reconnectLater(lost);
    }

    private void reconnectLater(Throwable lastError) {
        Duration delay = backoff.jittered(nextDelay, ThreadLocalRandom.current());
        Duration sinceDrop = Duration.ofNanos(System.nanoTime() - droppedAtNanos);
        if (backoff.givesUp(sinceDrop.plus(delay))) {
            end(new ConnectionClosedException("gave up reconnecting to " + server() + " after "
                    + sinceDrop.toMillis() + " ms", lastError));
            return;
        }
        nextDelay = backoff.after(nextDelay);
        loop.whenDone(openConnection(delay), (connection, error) -> {
            if (error != null) {
                if (!finished) {
                    retryOrEnd(null, error);
                }
            } else if (adopt(connection)) {
                resume(connection);
            }
        });
    }

    private void resume(ChatConnection connection) {
        String token = resumeToken;
        if (token == null) {
            logInAgain(connection, "the server gave no resume token");
            return;
        }
        loop.whenDone(connection.request(id -> new Request.Resume(id, token), Reply.Resumed.class), (resumed, error) -> {
            if (connection != current) {
                return;
            }
            if (error == null) {
                log.info("resumed the session on {}", server());
                online(resumed.resumeToken());
            } else if (error instanceof RequestFailedException refused && refused.code() == ErrorCode.RESUME_FAILED) {
                logInAgain(connection, refused.getMessage());
            } else {
                retryOrEnd(connection, error);
            }
        });
    }

    /** The server lost the session (grace period over): log in again on the same connection. */
    private void logInAgain(ChatConnection connection, String whyNotResumed) {
        log.info("could not resume the session on {} ({}); logging in again", server(), whyNotResumed);
        loop.whenDone(connection.request(credentials::login, Reply.LoggedIn.class), (loggedIn, error) -> {
            if (connection != current) {
                return;
            }
            if (error == null) {
                online(loggedIn.resumeToken());
            } else {
                retryOrEnd(connection, error);
            }
        });
    }

    private void retryOrEnd(ChatConnection failed, Throwable error) {
        if (failed != null) {
            current = null;
            failed.disconnect();
        }
        if (worthRetrying(error)) {
            log.info("reconnecting to {} failed: {}", server(), error.toString());
            reconnectLater(error);
        } else {
            end(error);
        }
    }

    /** Network trouble and passing refusals are; wrong credentials, bans and mismatched certificates are not. */
    private static boolean worthRetrying(Throwable error) {
        if (error instanceof RequestFailedException refused) {
            return PASSING_REFUSALS.contains(refused.code());
        }
        return error instanceof ConnectionClosedException || error instanceof TimeoutException
                || error instanceof IOException;
    }

    /** Ends the session for good: {@code cause} null is a logout. */
    private void end(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        ChatConnection connection = current;
        current = null;
        voiceGrant = null;
        if (cause == null) {
            log.info("logging out of {}", server());
        } else {
            log.info("session on {} ended: {}", server(), cause.getMessage());
        }
        setState(ConnectionState.CLOSED, cause);
        if (firstLogin != null) {
            firstLogin.completeExceptionally(cause != null ? cause
                    : new ConnectionClosedException("logged out before the login to " + server() + " completed"));
        }
        CompletableFuture<Void> released = connection == null ? CompletableFuture.completedFuture(null)
                : cause == null ? connection.close() : connection.disconnect();
        released.whenComplete((closed, error) -> {
            if (ownedGroup != null) {
                ownedGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            if (cause == null) {
                ended.complete(null);
            } else {
                ended.completeExceptionally(cause);
            }
        });
    }

    private void setState(ConnectionState newState, Throwable cause) {
        if (state == newState) {
            return;
        }
        state = newState;
        stateListeners.deliver(new StateChange(newState, cause));
    }

    /** Opens a connection after {@code delay}, off the loop: opening reads the known_servers file. */
    private CompletableFuture<ChatConnection> openConnection(Duration delay) {
        Executor afterDelay = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
        return CompletableFuture.supplyAsync(() -> eventLoop.isShuttingDown()
                        // The session ended while this attempt waited (logout during a reconnect).
                        ? CompletableFuture.<ChatConnection>failedFuture(
                                new ConnectionClosedException("the session on " + server() + " has ended"))
                        : ChatConnection.open(connectionOptions), afterDelay)
                .thenCompose(Function.identity());
    }
}
