package dev.confab.protocol;

/** A persisted room message. {@code id} is the server's, increasing; {@code ts} is epoch millis. */
public record ChatLine(long id, long room, long user, String name, String text, boolean action, long ts) {
}
