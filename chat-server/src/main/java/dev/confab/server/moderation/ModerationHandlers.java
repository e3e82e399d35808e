package dev.confab.server.moderation;

import dev.confab.protocol.BanInfo;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.server.Access;
import dev.confab.server.ChatFailure;
import dev.confab.server.Hub;
import dev.confab.server.Router;
import dev.confab.server.accounts.Accounts;
import dev.confab.server.net.Connection;
import dev.confab.server.presence.Presence;
import dev.confab.server.presence.Session;
import dev.confab.server.storage.Database;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Kick, ban, unban and the ban list; moderators and admins only. Hub thread. */
public final class ModerationHandlers {
    private static final int MAX_REASON = 200;

    private final Presence presence;
    private final BanList bans;
    private final Database db;
    private final Hub hub;
    private final Clock clock;

    public ModerationHandlers(Presence presence, BanList bans, Database db, Hub hub, Clock clock) {
        this.presence = presence;
        this.bans = bans;
        this.db = db;
        this.hub = hub;
        this.clock = clock;
    }

    public void register(Router router) {
        router.loggedIn(Request.Kick.class, this::kick);
        router.loggedIn(Request.Ban.class, this::ban);
        router.loggedIn(Request.Unban.class, this::unban);
        router.loggedIn(Request.ListBans.class, this::list);
        router.loggedIn(Request.ServerMute.class, this::mute);
    }

    private void kick(Connection connection, Session actor, Request.Kick request) {
        Access.requireRole(actor, Role.MODERATOR, "kick");
        List<Session> targets = onlineOutranked(actor, request.user(), "kick");
        String reason = "kicked by " + actor.account().name() + suffix(reason(request.reason()));
        targets.forEach(target -> disconnect(target, ErrorCode.KICKED, reason));
        connection.send(new Reply.Ok(request.id()));
    }

    /** A moderator's mute: the relay drops every packet of every session of that person. */
    private void mute(Connection connection, Session actor, Request.ServerMute request) {
        Access.requireRole(actor, Role.MODERATOR, "mute");
        onlineOutranked(actor, request.user(), "mute").forEach(target ->
                presence.setVoiceState(target, target.muted(), target.deafened(), request.muted()));
        connection.send(new Reply.Ok(request.id()));
    }

    /** The online sessions of the named person, whom the actor must outrank. */
    private List<Session> onlineOutranked(Session actor, String user, String action) {
        String name = Access.require(user, "user");
        List<Session> targets = presence.all().stream()
                .filter(s -> s.account().name().equalsIgnoreCase(name)).toList();
        if (targets.isEmpty()) {
            throw new ChatFailure(ErrorCode.UNKNOWN_USER, name + " is not online");
        }
        Access.requireOutranks(actor, targets.get(0).account().role(), action);
        return targets;
    }

    private void ban(Connection connection, Session actor, Request.Ban request) {
        Access.requireRole(actor, Role.MODERATOR, "ban");
        if ((request.user() == null) == (request.ip() == null)) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "ban either a \"user\" or an \"ip\"");
        }
        if (request.seconds() != null && request.seconds() <= 0) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "seconds must be positive (omit it for a permanent ban)");
        }
        String reason = reason(request.reason());
        String ip = request.ip() == null ? null : normalisedAddress(request.ip());
        long now = clock.millis();
        Long expires = request.seconds() == null ? null : now + request.seconds() * 1000;
        String by = actor.account().name();
        hub.then(db.write(c -> {
            Long account = null;
            if (request.user() != null) {
                Accounts.StoredAccount target = Accounts.findByName(c, request.user()).orElseThrow(() ->
                        new ChatFailure(ErrorCode.UNKNOWN_USER, "there is no account named " + request.user()));
                Access.requireOutranks(actor, target.role(), "ban");
                account = target.id();
            }
            return Optional.of(Bans.insert(c, account, ip, reason, by, now, expires));
        }), connection, request.id(), created -> {
            BanInfo ban = created.get();
            refresh(ban);
            String why = "you are " + BanList.describe(ban);
            // An address ban spares the moderator's own session and anyone it does not outrank.
            List.copyOf(presence.all()).stream()
                    .filter(s -> (ban.user() != null && s.account().id() == ban.user())
                            || (ban.ip() != null && ban.ip().equals(s.ip()) && s != actor
                                && Access.outranks(actor, s.account().role())))
                    .forEach(s -> disconnect(s, ErrorCode.BANNED, why));
            connection.send(new Reply.BanCreated(request.id(), ban));
        });
    }

    private void unban(Connection connection, Session actor, Request.Unban request) {
        Access.requireRole(actor, Role.MODERATOR, "unban");
        hub.then(db.write(c -> Bans.delete(c, request.ban())), connection, request.id(), deleted -> {
            if (!deleted) {
                throw new ChatFailure(ErrorCode.NOT_FOUND, "there is no ban " + request.ban());
            }
            bans.replace(bans.all(clock.millis()).stream().filter(b -> b.id() != request.ban()).toList());
            connection.send(new Reply.Ok(request.id()));
        });
    }

    private void list(Connection connection, Session actor, Request.ListBans request) {
        Access.requireRole(actor, Role.MODERATOR, "list bans");
        connection.send(new Reply.Bans(request.id(), bans.all(clock.millis())));
    }

    private void refresh(BanInfo added) {
        List<BanInfo> current = new java.util.ArrayList<>(bans.all(clock.millis()));
        current.add(added);
        bans.replace(current);
    }

    /** Ends the session at once (no resume) and closes its connection with the reason. */
    private void disconnect(Session target, ErrorCode code, String reason) {
        Connection targetConnection = target.connection();
        presence.leave(target, reason);
        if (targetConnection != null) {
            targetConnection.close(code, reason);
        }
    }

    private static String reason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() > MAX_REASON) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "a reason is at most " + MAX_REASON + " characters");
        }
        return text;
    }

    private static String suffix(String reason) {
        return reason.isEmpty() ? "" : ": " + reason;
    }

    /** Accepts only a literal IPv4 or IPv6 address (no DNS), in the form connections report. */
    private static String normalisedAddress(String text) {
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, text + " is not an IP address");
        }
        try {
            return InetAddress.getByName(text).getHostAddress();
        } catch (UnknownHostException e) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, text + " is not an IP address");
        }
    }
}
