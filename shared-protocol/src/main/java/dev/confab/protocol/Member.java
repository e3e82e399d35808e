package dev.confab.protocol;

/**
 * One connected session in presence. A person logged in from two places (a TUI and a script) is
 * two members with the same {@code user}. {@code muted} and {@code deafened} are what the person
 * chose; {@code serverMuted} is a moderator's mute. A deafened member hears nothing and is
 * muted too.
 */
public record Member(long session, long user, String name, Role role, long room, boolean muted, boolean deafened,
        boolean serverMuted) {
}
