package dev.confab.protocol;

/** An API token as listed: never the secret, which is shown once at creation. */
public record TokenInfo(long id, String label, long created, Long lastUsed) {
}
