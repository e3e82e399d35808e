package dev.confab.voice.relay;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.LongObjectHashMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;

/**
 * Who is open at the relay, immutable: by voice session id (each packet), by chat session id
 * (whispers) and by room (fan-out). Primitive-keyed maps, so a lookup boxes nothing. A change
 * builds a new directory (copying is O(sessions), and changes are rare: logins and room moves),
 * which the relay publishes through a volatile field; readers never lock.
 */
final class Directory {
    static final Directory EMPTY = new Directory(new IntObjectHashMap<>(), new LongObjectHashMap<>(),
            new LongObjectHashMap<>());
    private static final RelaySession[] NOBODY = new RelaySession[0];

    private final IntObjectHashMap<RelaySession> byId;
    private final LongObjectHashMap<RelaySession> byChatSession;
    private final LongObjectHashMap<RelaySession[]> rooms;

    private Directory(IntObjectHashMap<RelaySession> byId, LongObjectHashMap<RelaySession> byChatSession,
            LongObjectHashMap<RelaySession[]> rooms) {
        this.byId = byId;
        this.byChatSession = byChatSession;
        this.rooms = rooms;
    }

    RelaySession session(int id) {
        return byId.get(id);
    }

    RelaySession byChatSession(long chatSession) {
        return byChatSession.get(chatSession);
    }

    /** The room's members; the array is shared and must not be changed. */
    RelaySession[] room(long room) {
        RelaySession[] members = rooms.get(room);
        return members == null ? NOBODY : members;
    }

    Collection<RelaySession> sessions() {
        return Collections.unmodifiableCollection(byId.values());
    }

    int size() {
        return byId.size();
    }

    /** This directory with {@code session} added; an open session with its id must be removed first. */
    Directory with(RelaySession session) {
        IntObjectHashMap<RelaySession> ids = copy(byId, 1);
        ids.put(session.id, session);
        LongObjectHashMap<RelaySession> chats = copy(byChatSession, 1);
        // One chat session has one voice session; if the chat server briefly has two, the newest
        // takes the whispers.
        chats.put(session.chatSession, session);
        LongObjectHashMap<RelaySession[]> roomsCopy = copy(rooms, 1);
        RelaySession[] members = room(session.room);
        RelaySession[] grown = Arrays.copyOf(members, members.length + 1);
        grown[members.length] = session;
        roomsCopy.put(session.room, grown);
        return new Directory(ids, chats, roomsCopy);
    }

    /** This directory without {@code session} (the very object); itself when it is not there. */
    Directory without(RelaySession session) {
        if (byId.get(session.id) != session) {
            return this;
        }
        IntObjectHashMap<RelaySession> ids = copy(byId, 0);
        ids.remove(session.id);
        LongObjectHashMap<RelaySession> chats = copy(byChatSession, 0);
        if (chats.get(session.chatSession) == session) {
            chats.remove(session.chatSession);
            // Another voice session of the same chat session (see with) takes over its whispers.
            for (RelaySession other : ids.values()) {
                if (other.chatSession == session.chatSession) {
                    chats.put(other.chatSession, other);
                }
            }
        }
        LongObjectHashMap<RelaySession[]> roomsCopy = copy(rooms, 0);
        RelaySession[] members = room(session.room);
        RelaySession[] shrunk = new RelaySession[members.length - 1];
        int n = 0;
        for (RelaySession member : members) {
            if (member != session) {
                shrunk[n++] = member;
            }
        }
        if (shrunk.length == 0) {
            roomsCopy.remove(session.room);
        } else {
            roomsCopy.put(session.room, shrunk);
        }
        return new Directory(ids, chats, roomsCopy);
    }

    private static <V> IntObjectHashMap<V> copy(IntObjectHashMap<V> map, int extra) {
        IntObjectHashMap<V> copy = new IntObjectHashMap<>(map.size() + extra);
        copy.putAll(map);
        return copy;
    }

    private static <V> LongObjectHashMap<V> copy(LongObjectHashMap<V> map, int extra) {
        LongObjectHashMap<V> copy = new LongObjectHashMap<>(map.size() + extra);
        copy.putAll(map);
        return copy;
    }
}
