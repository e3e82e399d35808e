package dev.confab.protocol;

/** A persisted direct message between two accounts. */
public record DirectLine(long id, long from, String fromName, long to, String toName, String text, long ts) {
}
