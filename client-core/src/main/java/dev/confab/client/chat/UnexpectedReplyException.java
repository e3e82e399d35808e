package dev.confab.client.chat;

import dev.confab.client.ChatException;
import dev.confab.protocol.Reply;

/** The server answered a request with a different kind of reply than the caller expected. */
public final class UnexpectedReplyException extends ChatException {

    private final Reply reply;

    public UnexpectedReplyException(Class<? extends Reply> expected, Reply reply) {
        // Only the type: a reply may carry a secret (a resume token, a new API token).
        super("expected " + expected.getSimpleName() + " but the server answered " + reply.getClass().getSimpleName());
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
