package dev.confab.server.presence;

import dev.confab.protocol.Account;
import dev.confab.protocol.Event;
import dev.confab.protocol.Member;
import dev.confab.protocol.MessageCodec;
import dev.confab.protocol.Reply;
import dev.confab.server.Hub;
import dev.confab.server.net.Connection;
import dev.confab.server.rooms.Room;
import dev.confab.server.rooms.RoomTree;
import dev.confab.server.voice.VoiceSessions;
import dev.confab.server.voice.VoiceSessions.VoiceGrant;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Who is online and where: every session, its room, its resume token and its voice session, and
 * the events that tell everyone else when any of that changes. Hub thread only.
 */
public final class Presence {
    private final RoomTree rooms;
    private final VoiceSessions voice;
    private final Hub hub;
    private final Duration resumeGrace;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Session> byResumeToken = new HashMap<>();
    private long lastSessionId;

    public Presence(RoomTree rooms, VoiceSessions voice, Hub hub, Duration resumeGrace) {
        this.rooms = rooms;
        this.voice = voice;
        this.hub = hub;
        this.resumeGrace = resumeGrace;
    }

    /**
     * Logs a connection in: answers the request, then sends the snapshot and the voice session,
     * then tells everyone else. The person starts in the lobby. Null when the connection has
     * closed meanwhile.
     */
    public Session enter(Connection connection, Account account, long requestId) {
        if (!connection.isOpen() || connection.isClosing()) {
            // Gone while its password was being checked: a session now would never be cleaned up.
            return null;
        }
        Session session = new Session(++lastSessionId, account, connection, newResumeToken());
        sessions.put(session.id(), session);
        byResumeToken.put(session.resumeToken(), session);
        connection.attach(session);
        place(session, rooms.lobby());
        connection.send(new Reply.LoggedIn(requestId, session.id(), account, session.resumeToken(),
                (int) resumeGrace.toSeconds()));
        connection.send(snapshot());
        grantVoice(session);
        broadcastExcept(session, new Event.MemberJoined(session.member()));
        return session;
    }

    /** Hands a session whose connection dropped to a new connection, or returns null. */
    public Session resume(Connection connection, String token, long requestId) {
        Session session = token == null ? null : byResumeToken.get(token);
        if (session != null) {
            byResumeToken.remove(token);
        }
        if (session == null) {
            return null;
        }
        Connection previous = session.connection();
        if (previous != null && previous != connection) {
            // The old connection is dead but the server has not noticed yet; it goes quietly.
            previous.attach(null);
            previous.closeSilently();
        }
        String fresh = newResumeToken();
        byResumeToken.put(fresh, session);
        connection.send(new Reply.Resumed(requestId, session.id(), session.account(), fresh));
        connection.send(snapshot());
        session.attach(connection, fresh);
        sendVoiceGrant(session);
        return session;
    }

    /** The connection dropped without a logout: keep the session for the grace period. */
    public void connectionLost(Session session) {
        session.connection().attach(null);
        session.detach(hub.schedule(() -> {
            if (session.connection() == null && sessions.containsKey(session.id())) {
                leave(session, "connection lost");
            }
        }, resumeGrace.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Ends a session now: logout, kick, ban or expiry. */
    public void leave(Session session, String reason) {
        if (sessions.remove(session.id()) == null) {
            return;
        }
        byResumeToken.remove(session.resumeToken());
        session.cancelExpiry();
        session.room().members().remove(session);
        revokeVoice(session);
        if (session.connection() != null) {
            session.connection().attach(null);
        }
        broadcast(new Event.MemberLeft(session.id(), reason));
    }

    public void move(Session session, Room to) {
        Room from = session.room();
        if (from == to) {
            return;
        }
        from.members().remove(session);
        place(session, to);
        broadcast(new Event.MemberMoved(session.id(), from.id(), to.id()));
        grantVoice(session);
    }

    /**
     * A person's own mute and deafen, or a moderator's mute: the relay applies it to the next
     * packet, and everyone sees it in presence.
     */
    public void setVoiceState(Session session, boolean muted, boolean deafened, boolean serverMuted) {
        session.setVoiceState(muted, deafened);
        session.setServerMuted(serverMuted);
        VoiceGrant grant = session.voice();
        if (grant != null) {
            grant.relay().control().setState(grant.sessionId(), session.silenced(), session.deafened());
        }
        broadcast(new Event.MemberChanged(session.member()));
    }

    private void place(Session session, Room room) {
        session.setRoom(room);
        room.members().add(session);
    }

    /**
     * New voice sessions for the people whose keys a voice node lost (it restarted, or its link
     * dropped): a key is never opened at a relay twice, so each gets a new one.
     */
    public void renewVoice(Collection<Integer> lostVoiceSessions) {
        for (Session session : sessions.values()) {
            if (session.voice() != null && lostVoiceSessions.contains(session.voice().sessionId())) {
                grantVoice(session);
            }
        }
    }

    /** Replaces the session's voice session with one for its current room. */
    private void grantVoice(Session session) {
        revokeVoice(session);
        Room room = session.room();
        session.setVoice(voice.mint(session.id(), session.account(), room.id(), room.bitrate(),
                session.silenced(), session.deafened()));
        sendVoiceGrant(session);
    }

    private void sendVoiceGrant(Session session) {
        VoiceGrant grant = session.voice();
        Connection connection = session.connection();
        if (grant == null || connection == null) {
            return;
        }
        String host = grant.relay().host().get();
        connection.send(new Event.VoiceGranted(grant.sessionId(), Base64.getEncoder().encodeToString(grant.key()),
                host != null ? host : connection.localHost(), grant.relay().port().getAsInt(), grant.room(),
                grant.bitrate()));
    }

    private void revokeVoice(Session session) {
        VoiceGrant old = session.voice();
        if (old == null) {
            return;
        }
        voice.revoke(old);
        session.setVoice(null);
        if (session.connection() != null) {
            session.connection().send(new Event.VoiceRevoked(old.sessionId()));
        }
    }

    public Event.Snapshot snapshot() {
        List<Member> members = new ArrayList<>(sessions.size());
        sessions.values().forEach(session -> members.add(session.member()));
        return new Event.Snapshot(rooms.infos(), members, RoomTree.LOBBY);
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    public List<Session> ofAccount(long account) {
        return sessions.values().stream().filter(s -> s.account().id() == account).toList();
    }

    /** Encodes a presence or room-tree change once and delivers it to every session. */
    public void broadcast(Event event) {
        deliver(sessions.values(), null, event, false);
    }

    private void broadcastExcept(Session skipped, Event event) {
        deliver(sessions.values(), skipped, event, false);
    }

    /** Encodes a message once and delivers it to the people in one room. */
    public void toRoom(Room room, Event event) {
        deliver(room.members(), null, event, true);
    }

    /** Delivers a message to every session of one account. */
    public void toAccount(long account, Event event) {
        deliver(ofAccount(account), null, event, true);
    }

    /**
     * One encoding for all receivers; connected ones get it through one hand-off per event loop,
     * detached ones keep it for their resume when {@code keepWhileDetached} (messages, not
     * presence, which the resume snapshot covers).
     */
    private static void deliver(Collection<Session> receivers, Session skipped, Event event, boolean keepWhileDetached) {
        byte[] line = MessageCodec.encodeLine(event);
        List<Connection> connected = new ArrayList<>(receivers.size());
        for (Session session : receivers) {
            if (session == skipped) {
                continue;
            }
            if (session.connection() != null) {
                connected.add(session.connection());
            } else if (keepWhileDetached) {
                session.keepForResume(line);
            }
        }
        Connection.sendLineToAll(connected, line);
    }

    private String newResumeToken() {
        byte[] token = new byte[32];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }
}
