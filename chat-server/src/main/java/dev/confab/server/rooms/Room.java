package dev.confab.server.rooms;

import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import dev.confab.server.presence.Session;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A room in the live tree. Owned by the hub thread: only it reads or changes a room, so there is
 * no locking here.
 */
public final class Room {
    private final long id;
    private Long parent;
    private String name;
    private final String passwordHash;
    private final Role minRole;
    private final int bitrate;
    private final int maxUsers;
    private final boolean echo;
    private final List<Room> children = new ArrayList<>();
    private final Set<Session> members = new LinkedHashSet<>();

    Room(Rooms.StoredRoom stored) {
        this.id = stored.id();
        this.parent = stored.parent();
        this.name = stored.name();
        this.passwordHash = stored.passwordHash();
        this.minRole = stored.minRole();
        this.bitrate = stored.bitrate();
        this.maxUsers = stored.maxUsers();
        this.echo = stored.echo();
    }

    public RoomInfo info() {
        return new RoomInfo(id, parent, name, passwordHash != null, minRole, bitrate, maxUsers, echo);
    }

    public long id() {
        return id;
    }

    public Long parent() {
        return parent;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role minRole() {
        return minRole;
    }

    public int bitrate() {
        return bitrate;
    }

    public boolean isFull() {
        return maxUsers > 0 && members.size() >= maxUsers;
    }

    /** The people in this room right now (not in its children). */
    public Set<Session> members() {
        return members;
    }

    List<Room> children() {
        return children;
    }

    void setParent(Long parent) {
        this.parent = parent;
    }

    void setName(String name) {
        this.name = name;
    }
}
