package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** Messages a client sends. Each carries an id that its reply echoes. */
public sealed interface Request extends Message {
    long id();

    /** First message on every connection; the server answers {@link Reply.Welcome}. */
    @JsonTypeName("hello")
    record Hello(long id, int version, String client) implements Request {}

    /** Creates an account and logs in: answered by {@link Reply.LoggedIn}. */
    @JsonTypeName("register")
    record Register(long id, String name, String password) implements Request {}

    /** Log in with a name and password, or with an API token alone. */
    @JsonTypeName("login")
    record Login(long id, String name, String password, String token) implements Request {}

    /** Takes back a session whose connection dropped, within the grace period. */
    @JsonTypeName("resume")
    record Resume(long id, String token) implements Request {}

    @JsonTypeName("logout")
    record Logout(long id) implements Request {}

    @JsonTypeName("join")
    record Join(long id, long room, String password) implements Request {}

    /** A room message; {@code action} marks a /me line. Answered by {@link Reply.Posted}. */
    @JsonTypeName("say")
    record Say(long id, long room, String text, boolean action) implements Request {}

    /** A direct message to an account by name, delivered now or at its next login. */
    @JsonTypeName("dm")
    record Dm(long id, String to, String text) implements Request {}

    /**
     * A page of a room's messages, oldest first: the newest ones older than {@code before}
     * (the newest of all when null), or with {@code after}, the oldest ones newer than it (how a
     * client catches up on what it missed). At most one of the two.
     */
    @JsonTypeName("history")
    record History(long id, long room, Long before, Long after, Integer limit) implements Request {
        /** The newest messages older than {@code before}. */
        public static History before(long id, long room, Long before, Integer limit) {
            return new History(id, room, before, null, limit);
        }
    }

    /** A null setting takes the server's default; {@code echo} makes an echo room ({@link RoomInfo}). */
    @JsonTypeName("create_room")
    record CreateRoom(long id, String name, Long parent, String password, Role minRole, Integer bitrate,
                      Integer maxUsers, boolean echo) implements Request {

        /** A room that is not an echo room. */
        public CreateRoom(long id, String name, Long parent, String password, Role minRole, Integer bitrate,
                          Integer maxUsers) {
            this(id, name, parent, password, minRole, bitrate, maxUsers, false);
        }
    }

    @JsonTypeName("rename_room")
    record RenameRoom(long id, long room, String name) implements Request {}

    @JsonTypeName("move_room")
    record MoveRoom(long id, long room, long parent) implements Request {}

    /** Deletes a room and every room below it; people inside move to its parent. */
    @JsonTypeName("delete_room")
    record DeleteRoom(long id, long room) implements Request {}

    @JsonTypeName("create_token")
    record CreateToken(long id, String label) implements Request {}

    @JsonTypeName("list_tokens")
    record ListTokens(long id) implements Request {}

    @JsonTypeName("revoke_token")
    record RevokeToken(long id, long token) implements Request {}

    /** Disconnects every session of an account. */
    @JsonTypeName("kick")
    record Kick(long id, String user, String reason) implements Request {}

    /** Bans an account by name or an IP address; {@code seconds} null is permanent. */
    @JsonTypeName("ban")
    record Ban(long id, String user, String ip, String reason, Long seconds) implements Request {}

    @JsonTypeName("unban")
    record Unban(long id, long ban) implements Request {}

    @JsonTypeName("list_bans")
    record ListBans(long id) implements Request {}

    /**
     * Sets the name this account is shown by ({@link Account#display()}), for all its sessions
     * and the next logins; null or blank removes it. Answered by {@link Reply.Ok}; everyone sees
     * a {@link Event.MemberChanged}.
     */
    @JsonTypeName("set_display_name")
    record SetDisplayName(long id, String name) implements Request {}

    @JsonTypeName("set_role")
    record SetRole(long id, String user, Role role) implements Request {}

    /**
     * Sets this session's own voice state; a null field stays as it was. Deafened implies muted:
     * the voice server sends a deafened session nothing and drops what it sends.
     */
    @JsonTypeName("voice_state")
    record VoiceState(long id, Boolean muted, Boolean deafened) implements Request {}

    /** Moderators: mutes or unmutes every session of {@code user} at the voice server. */
    @JsonTypeName("server_mute")
    record ServerMute(long id, String user, boolean muted) implements Request {}

    /** Admins: the voice relay's packet counters, in total and per session. */
    @JsonTypeName("server_stats")
    record ServerStats(long id) implements Request {}

    /** Either side may ping; the other answers {@link Reply.Pong} with the same id. */
    @JsonTypeName("ping")
    record Ping(long id) implements Request {}
}
