package dev.confab.cli.room;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.connect.ServerLink;
import dev.confab.protocol.Event;
import dev.confab.protocol.Member;
import dev.confab.protocol.RoomInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rooms of a login's snapshot, for turning what people type into room ids (the wire knows
 * rooms only by id) and for walking the tree. Names are unique server-wide ignoring case.
 */
public final class RoomDirectory {

    /** A room at its place in the tree, with how many people are in it. */
    public record Placed(RoomInfo room, int depth, int online) {
    }

    private final Map<Long, RoomInfo> byId = new LinkedHashMap<>();
    private final Map<Long, List<RoomInfo>> children = new HashMap<>();
    private final Map<Long, Integer> online = new HashMap<>();
    private final long lobby;

    /** @param ownSession this command's own session, which is left out of the head counts */
    public RoomDirectory(Event.Snapshot snapshot, long ownSession) {
        this.lobby = snapshot.lobby();
        for (RoomInfo room : snapshot.rooms()) {
            byId.put(room.id(), room);
            if (room.parent() != null) {
                children.computeIfAbsent(room.parent(), parent -> new ArrayList<>()).add(room);
            }
        }
        for (Member member : snapshot.members()) {
            if (member.session() != ownSession) {
                online.merge(member.room(), 1, Integer::sum);
            }
        }
    }

    /** The rooms of {@code link}'s login. */
    public static RoomDirectory of(ServerLink link) {
        return new RoomDirectory(link.snapshot(), link.loggedIn().session());
    }

    /**
     * The room {@code reference} names: a numeric id, or else a name in any case. A number that is
     * no room's id may still be a room's name ("2024" is a valid name).
     */
    /** Whether a room is named {@code name} (any case). */
    public boolean contains(String name) {
        return byId.values().stream().anyMatch(room -> room.name().equalsIgnoreCase(name));
    }

    public RoomInfo resolve(String reference) throws CliException {
        String wanted = reference.strip();
        if (!wanted.isEmpty() && wanted.chars().allMatch(Character::isDigit) && wanted.length() < 19) {
            RoomInfo room = byId.get(Long.parseLong(wanted));
            if (room != null) {
                return room;
            }
        }
        for (RoomInfo room : byId.values()) {
            if (room.name().equalsIgnoreCase(wanted)) {
                return room;
            }
        }
        throw new CliException(Exit.NOT_FOUND, "unknown_room", "there is no room named or numbered '" + reference
                + "' (see 'confab-cli rooms')");
    }

    public String nameOf(long roomId) {
        RoomInfo room = byId.get(roomId);
        return room == null ? "#" + roomId : room.name();
    }

    /** Every room, parents before children and siblings in the server's order. */
    public List<Placed> tree() {
        List<Placed> placed = new ArrayList<>();
        RoomInfo root = byId.get(lobby);
        if (root != null) {
            walk(root, 0, placed);
        }
        return placed;
    }

    private void walk(RoomInfo room, int depth, List<Placed> into) {
        into.add(new Placed(room, depth, online.getOrDefault(room.id(), 0)));
        for (RoomInfo child : children.getOrDefault(room.id(), List.of())) {
            walk(child, depth + 1, into);
        }
    }
}
