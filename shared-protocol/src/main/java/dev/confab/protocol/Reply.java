package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** Successful answers to requests, each echoing the request's id. */
public sealed interface Reply extends Message {
    long id();

    @JsonTypeName("welcome")
    record Welcome(long id, int version, String server, int maxLineBytes, int maxMessageChars) implements Reply {}

    /**
     * Logged in. The server follows it with a {@link Event.Snapshot}, a {@link Event.VoiceGranted}
     * and any direct messages that waited for this person.
     */
    @JsonTypeName("logged_in")
    record LoggedIn(long id, long session, Account account, String resumeToken, int resumeGraceSeconds)
            implements Reply {}

    /** Resumed: followed by a fresh {@link Event.Snapshot} and the events missed while away. */
    @JsonTypeName("resumed")
    record Resumed(long id, long session, Account account, String resumeToken) implements Reply {}

    @JsonTypeName("ok")
    record Ok(long id) implements Reply {}

    @JsonTypeName("room_created")
    record RoomCreated(long id, RoomInfo room) implements Reply {}

    /** A room or direct message was stored: it is durable once this arrives. */
    @JsonTypeName("posted")
    record Posted(long id, long messageId, long ts) implements Reply {}

    /**
     * Oldest first; {@code more} says whether further messages exist in the direction asked
     * (older for "before", newer for "after").
     */
    @JsonTypeName("history_page")
    record HistoryPage(long id, long room, List<ChatLine> messages, boolean more) implements Reply {}

    /** The secret is shown only here: the server keeps only its hash. */
    @JsonTypeName("token_created")
    record TokenCreated(long id, TokenInfo token, String secret) implements Reply {}

    @JsonTypeName("tokens")
    record Tokens(long id, List<TokenInfo> tokens) implements Reply {}

    @JsonTypeName("ban_created")
    record BanCreated(long id, BanInfo ban) implements Reply {}

    @JsonTypeName("bans")
    record Bans(long id, List<BanInfo> bans) implements Reply {}

    @JsonTypeName("pong")
    record Pong(long id) implements Reply {}

    /** The voice relay's counters: totals, then one entry per live voice session. */
    @JsonTypeName("stats")
    record ServerStats(long id, VoiceCounters total, List<SessionCounters> sessions) implements Reply {}
}
