package dev.confab.server.rooms;

import dev.confab.protocol.RoomInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The live room tree, loaded from the database at start and changed in step with it. The lobby
 * is the root. Hub thread only.
 */
public final class RoomTree {
    public static final long LOBBY = 1;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.'#+-]{0,31}");

    private final Map<Long, Room> byId = new HashMap<>();
    private final Map<String, Room> byKey = new HashMap<>();

    public RoomTree(Collection<Rooms.StoredRoom> stored) {
        for (Rooms.StoredRoom room : stored) {
            Room live = new Room(room);
            byId.put(live.id(), live);
            byKey.put(key(live.name()), live);
        }
        for (Room room : byId.values()) {
            if (room.parent() != null) {
                byId.get(room.parent()).children().add(room);
            }
        }
        if (!byId.containsKey(LOBBY)) {
            throw new IllegalStateException("the lobby (room 1) is missing from the database");
        }
    }

    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Why a room name is unusable, or null when it is fine. */
    public static String nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith(" ")) {
            return "a room name is 1 to 32 letters, digits, spaces or _.'#+-, starting with a letter or digit";
        }
        return null;
    }

    public Room lobby() {
        return byId.get(LOBBY);
    }

    public Room get(long id) {
        return byId.get(id);
    }

    public boolean nameTaken(String name) {
        return byKey.containsKey(key(name));
    }

    public Room add(Rooms.StoredRoom stored) {
        Room room = new Room(stored);
        byId.put(room.id(), room);
        byKey.put(key(room.name()), room);
        byId.get(room.parent()).children().add(room);
        return room;
    }

    public void rename(Room room, String name) {
        byKey.remove(key(room.name()));
        room.setName(name);
        byKey.put(key(name), room);
    }

    /** True when {@code candidate} is {@code room} or lies below it. */
    public boolean isWithin(Room candidate, Room room) {
        for (Room at = candidate; at != null; at = at.parent() == null ? null : byId.get(at.parent())) {
            if (at == room) {
                return true;
            }
        }
        return false;
    }

    public void move(Room room, Room newParent) {
        byId.get(room.parent()).children().remove(room);
        newParent.children().add(room);
        room.setParent(newParent.id());
    }

    /** The room and every room below it, children before their parents. */
    public List<Room> subtreeDeepestFirst(Room top) {
        List<Room> preorder = new ArrayList<>();
        Deque<Room> pending = new ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            Room room = pending.pop();
            preorder.add(room);
            room.children().forEach(pending::push);
        }
        java.util.Collections.reverse(preorder);
        return preorder;
    }

    public void remove(Room room) {
        byId.remove(room.id());
        byKey.remove(key(room.name()));
        Room parent = byId.get(room.parent());
        if (parent != null) {
            parent.children().remove(room);
        }
    }

    /** Every room, parents before children, for snapshots. */
    public List<RoomInfo> infos() {
        List<RoomInfo> infos = new ArrayList<>(byId.size());
        Deque<Room> pending = new ArrayDeque<>();
        pending.push(lobby());
        while (!pending.isEmpty()) {
            Room room = pending.pop();
            infos.add(room.info());
            for (int i = room.children().size() - 1; i >= 0; i--) {
                pending.push(room.children().get(i));
            }
        }
        return infos;
    }
}
