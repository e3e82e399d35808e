package dev.confab.client.control;

import java.util.concurrent.CompletionStage;

/**
 * Whoever owns push-to-talk (the TUI) as seen by the {@link PttControlServer}. Both methods are
 * called on the server's connection threads, one thread per connection, so an implementation
 * hands the work to its own thread and must not block.
 */
public interface PttControlListener {

    /**
     * Applies {@code request} from {@code connection} (an id unique for the server's lifetime)
     * and completes with whether the TUI is transmitting afterwards. The server waits
     * {@link PttControlServer#ANSWER_TIMEOUT} for it and otherwise answers with an error.
     */
    CompletionStage<Boolean> request(long connection, PttRequest request);

    /** {@code connection} is gone (closed by the client, by the server, or broken): a hold it had ends. */
    void closed(long connection);
}
