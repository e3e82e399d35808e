package dev.confab.client.chat;

import dev.confab.client.ChatException;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Failure;

/** The server answered a request with an error; {@link #code()} is stable enough to branch on. */
public final class RequestFailedException extends ChatException {

    private final Failure failure;

    public RequestFailedException(Failure failure) {
        super(failure.code().wireName() + ": " + failure.message());
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    public ErrorCode code() {
        return failure.code();
    }
}
