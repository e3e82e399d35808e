package dev.confab.client.app;

import java.util.Objects;

/**
 * Where chat lines go and come from: a room, or direct messages with one person.
 *
 * @param room the room's id, or 0 for direct messages
 * @param peer the other person's account name for direct messages, or null for a room
 */
public record Conversation(long room, String peer) {

    public Conversation {
        if ((room == 0) == (peer == null)) {
            throw new IllegalArgumentException("a conversation is a room or a peer, not " + room + " and " + peer);
        }
    }

    public static Conversation room(long id) {
        return new Conversation(id, null);
    }

    public static Conversation direct(String peer) {
        return new Conversation(0, Objects.requireNonNull(peer, "peer"));
    }

    public boolean isDirect() {
        return peer != null;
    }
}
