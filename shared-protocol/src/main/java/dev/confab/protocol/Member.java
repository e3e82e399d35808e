package dev.confab.protocol;

/**
 * One connected session in presence. A person logged in from two places (a TUI and a script) is
 * two members with the same {@code user}.
 */
public record Member(long session, long user, String name, Role role, long room) {
}
