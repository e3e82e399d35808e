package dev.confab.server;

import dev.confab.protocol.ErrorCode;

/**
 * A request that cannot be done, with the stable code and the human message its sender gets.
 * Thrown by feature code on the hub thread; the router turns it into a {@code Failure} reply.
 * No stack trace: it is an answer, not a bug.
 */
public final class ChatFailure extends RuntimeException {
    private final ErrorCode code;

    public ChatFailure(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
