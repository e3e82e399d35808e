package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Request;
import dev.confab.server.net.Connection;
import dev.confab.server.presence.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends each request to the feature that handles it. Features register their handlers at start;
 * handlers for logged-in people get the session and never see an anonymous caller. Runs on the
 * hub thread.
 */
public final class Router {

    /** A handler for requests anyone may send after hello (login, register, resume). */
    @FunctionalInterface
    public interface Anonymous<R extends Request> {
        void handle(Connection connection, R request);
    }

    /** A handler for requests that need a login. */
    @FunctionalInterface
    public interface LoggedIn<R extends Request> {
        void handle(Connection connection, Session session, R request);
    }

    private final Map<Class<?>, Anonymous<Request>> handlers = new HashMap<>();

    @SuppressWarnings("unchecked")
    public <R extends Request> void anonymous(Class<R> type, Anonymous<R> handler) {
        register(type, (Anonymous<Request>) handler);
    }

    public <R extends Request> void loggedIn(Class<R> type, LoggedIn<R> handler) {
        anonymous(type, (connection, request) -> {
            Session session = connection.session();
            if (session == null) {
                throw new ChatFailure(ErrorCode.NOT_LOGGED_IN, "log in first");
            }
            handler.handle(connection, session, request);
        });
    }

    private void register(Class<?> type, Anonymous<Request> handler) {
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("two handlers for " + type.getSimpleName());
        }
    }

    public void dispatch(Connection connection, Request request) {
        Anonymous<Request> handler = handlers.get(request.getClass());
        try {
            if (handler == null) {
                throw new ChatFailure(ErrorCode.UNKNOWN_TYPE, "the server does not accept "
                        + request.getClass().getSimpleName() + " from clients");
            }
            handler.handle(connection, request);
        } catch (RuntimeException e) {
            connection.send(Hub.failureFor(request.id(), e));
        }
    }
}
