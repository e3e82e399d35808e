package dev.confab.cli.chat;

/** A message the server stored, as {@code send} and {@code dm} print it with --json. */
record Posted(long id, long ts) {
}
