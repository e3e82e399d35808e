package dev.confab.protocol;

/**
 * A room as clients see it. The lobby is the root and has no parent. {@code maxUsers} 0 means
 * no limit; {@code bitrate} is the voice bitrate in bits per second. In an {@code echo} room
 * everyone hears their own voice back and nobody else's (a place to test a microphone): the
 * clients send their voice there flagged as an echo test, which the relay returns to the sender
 * only. A line without {@code echo} (from a server older than echo rooms) reads as false.
 */
public record RoomInfo(long id, Long parent, String name, boolean hasPassword, Role minRole, int bitrate, int maxUsers,
                       boolean echo) {

    /** A room that is not an echo room: what every room was before echo rooms. */
    public RoomInfo(long id, Long parent, String name, boolean hasPassword, Role minRole, int bitrate, int maxUsers) {
        this(id, parent, name, hasPassword, minRole, bitrate, maxUsers, false);
    }
}
