package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.Access;
import dev.confab.server.ChatFailure;
import dev.confab.server.Hub;
import dev.confab.server.Router;
import dev.confab.server.accounts.Accounts;
import dev.confab.server.net.Connection;
import dev.confab.server.presence.Presence;
import dev.confab.server.presence.Session;
import dev.confab.server.rooms.Room;
import dev.confab.server.rooms.RoomHandlers;
import dev.confab.server.storage.Database;
import java.time.Clock;

/**
 * Room messages, direct messages and history. A message is acknowledged and shown to others only
 * after it is committed, so what anyone saw is never lost. Hub thread.
 */
public final class ChatHandlers {
    private final RoomHandlers rooms;
    private final Presence presence;
    private final Database db;
    private final Hub hub;
    private final Clock clock;
    private final int maxMessageChars;

    public ChatHandlers(RoomHandlers rooms, Presence presence, Database db, Hub hub, Clock clock, int maxMessageChars) {
        this.rooms = rooms;
        this.presence = presence;
        this.db = db;
        this.hub = hub;
        this.clock = clock;
        this.maxMessageChars = maxMessageChars;
    }

    public void register(Router router) {
        router.loggedIn(Request.Say.class, this::say);
        router.loggedIn(Request.Dm.class, this::dm);
        router.loggedIn(Request.History.class, this::history);
    }

    private void say(Connection connection, Session session, Request.Say request) {
        Room room = reachable(session, request.room());
        String text = checkedText(request.text());
        long user = session.account().id();
        String name = session.account().name();
        hub.then(db.write(c -> Messages.insert(c, room.id(), user, name, text, request.action(), clock.millis())),
                connection, request.id(), line -> {
                    connection.send(new Reply.Posted(request.id(), line.id(), line.ts()));
                    presence.toRoom(room, new Event.MessagePosted(line));
                });
    }

    private void dm(Connection connection, Session session, Request.Dm request) {
        String to = Access.require(request.to(), "to");
        String text = checkedText(request.text());
        long from = session.account().id();
        String fromName = session.account().name();
        hub.then(db.write(c -> {
                    var recipient = Accounts.findByName(c, to);
                    if (recipient.isEmpty()) {
                        return java.util.Optional.<dev.confab.protocol.DirectLine>empty();
                    }
                    return java.util.Optional.of(Messages.insertDirect(c, from, fromName, recipient.get().id(),
                            recipient.get().name(), text, clock.millis()));
                }),
                connection, request.id(), stored -> {
                    var line = stored.orElseThrow(() ->
                            new ChatFailure(ErrorCode.UNKNOWN_USER, "there is no account named " + to));
                    connection.send(new Reply.Posted(request.id(), line.id(), line.ts()));
                    Event.DirectReceived event = new Event.DirectReceived(line);
                    presence.toAccount(line.to(), event);
                    if (line.to() != line.from()) {
                        presence.toAccount(line.from(), event);
                    }
                    // Only a live connection counts as delivery; otherwise the message waits for
                    // the next login (a session that resumes may then see it twice: ids tell).
                    if (presence.ofAccount(line.to()).stream().noneMatch(s -> s.connection() != null)) {
                        return;
                    }
                    db.write(c -> {
                        Messages.markDelivered(c, java.util.List.of(line.id()), clock.millis());
                        return null;
                    });
                });
    }

    private void history(Connection connection, Session session, Request.History request) {
        Room room = reachable(session, request.room());
        int limit = request.limit() == null ? Limits.DEFAULT_HISTORY_PAGE : request.limit();
        if (limit < 1 || limit > Limits.MAX_HISTORY_PAGE) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "limit must be 1 to " + Limits.MAX_HISTORY_PAGE);
        }
        if (request.before() != null && request.after() != null) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "ask for messages before an id or after one, not both");
        }
        hub.then(db.read(c -> request.after() != null
                        ? Messages.pageAfter(c, room.id(), request.after(), limit)
                        : Messages.page(c, room.id(), request.before(), limit)), connection, request.id(),
                page -> connection.send(new Reply.HistoryPage(request.id(), room.id(), page.lines(), page.more())));
    }

    private Room reachable(Session session, long roomId) {
        Room room = rooms.existing(roomId);
        if (!RoomHandlers.mayReach(session, room)) {
            throw new ChatFailure(ErrorCode.FORBIDDEN, "join " + room.name() + " first");
        }
        return room;
    }

    private String checkedText(String text) {
        if (text == null || text.isEmpty()) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "a message needs text");
        }
        if (text.codePointCount(0, text.length()) > maxMessageChars) {
            throw new ChatFailure(ErrorCode.MESSAGE_TOO_LONG, "a message is at most " + maxMessageChars + " characters");
        }
        return text;
    }
}
