package dev.confab.client.app;

import java.util.List;

/**
 * The lines of one conversation the client holds (the latest {@link ClientBackend#MAX_LINES}),
 * oldest first, and how many arrived since the person last looked at it.
 */
public record ConversationLog(Conversation conversation, List<ChatEntry> entries, int unread) {

    public ConversationLog {
        entries = List.copyOf(entries);
    }
}
