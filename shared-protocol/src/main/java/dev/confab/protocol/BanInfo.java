package dev.confab.protocol;

/** A ban on an account ({@code user}) or an address ({@code ip}); {@code expires} null is permanent. */
public record BanInfo(long id, Long user, String userName, String ip, String reason, String by, long created, Long expires) {
}
