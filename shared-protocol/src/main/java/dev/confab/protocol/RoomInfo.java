package dev.confab.protocol;

/**
 * A room as clients see it. The lobby is the root and has no parent. {@code maxUsers} 0 means
 * no limit; {@code bitrate} is the voice bitrate in bits per second.
 */
public record RoomInfo(long id, Long parent, String name, boolean hasPassword, Role minRole, int bitrate, int maxUsers) {
}
