package dev.confab.cli;

import dev.confab.client.chat.ConnectionClosedException;
import dev.confab.client.chat.RequestFailedException;
import dev.confab.client.trust.FingerprintMismatchException;
import dev.confab.protocol.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns whatever went wrong into the one line and the exit code a script gets. */
public final class Failures {

    private Failures() {
    }

    public static CliException translate(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof CliException known) {
            return known;
        }
        if (cause instanceof RequestFailedException refused) {
            return fromServer(refused.code(), refused.failure().message());
        }
        FingerprintMismatchException mismatch = find(cause, FingerprintMismatchException.class);
        if (mismatch != null) {
            return new CliException(Exit.UNTRUSTED, "fingerprint_mismatch", mismatch.getMessage(), mismatch);
        }
        if (cause instanceof TimeoutException) {
            return new CliException(Exit.NETWORK, "timeout", cause.getMessage(), cause);
        }
        if (cause instanceof ConnectionClosedException) {
            return new CliException(Exit.NETWORK, "network", cause.getMessage(), cause);
        }
        if (cause instanceof UnknownHostException || cause instanceof ConnectException
                || cause instanceof NoRouteToHostException) {
            return new CliException(Exit.NETWORK, "network", connectProblem(cause), cause);
        }
        if (cause instanceof SSLException) {
            return new CliException(Exit.NETWORK, "network", "TLS handshake failed: " + cause.getMessage()
                    + " (is it a confab-server with TLS on that port?)", cause);
        }
        if (cause instanceof UncheckedIOException || cause instanceof IOException) {
            return new CliException(Exit.NETWORK, "io", String.valueOf(cause.getMessage()), cause);
        }
        String what = cause.getMessage() == null ? cause.getClass().getName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new CliException(Exit.FAILURE, "unexpected", what, cause);
    }

    /** A refusal from the server, with the server's code so it can be looked up in PROTOCOL.md. */
    public static CliException fromServer(ErrorCode code, String message) {
        return new CliException(exitFor(code), code.wireName(), message);
    }

    static Exit exitFor(ErrorCode code) {
        return switch (code) {
            case BAD_CREDENTIALS, NOT_LOGGED_IN, BANNED, KICKED, RESUME_FAILED -> Exit.AUTH;
            case UNKNOWN_ROOM, UNKNOWN_USER, NOT_FOUND -> Exit.NOT_FOUND;
            case FORBIDDEN, WRONG_ROOM_PASSWORD, ROOM_FULL -> Exit.PERMISSION;
            case BAD_REQUEST, INVALID_NAME, WEAK_PASSWORD, NAME_TAKEN, MESSAGE_TOO_LONG, LINE_TOO_LONG -> Exit.REFUSED;
            default -> Exit.SERVER;
        };
    }

    /** Netty's connect errors read "Connection refused: /127.0.0.1:1"; say it the way people expect. */
    private static String connectProblem(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof UnknownHostException) {
            return message;
        }
        int colon = message.indexOf(": ");
        String reason = colon < 0 ? message : message.substring(0, colon);
        String address = colon < 0 ? "" : message.substring(colon + 2).replaceFirst("^[^/]*/", "");
        return "cannot connect" + (address.isEmpty() ? "" : " to " + address) + ": " + reason.toLowerCase(Locale.ROOT);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
