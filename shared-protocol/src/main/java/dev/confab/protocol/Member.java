package dev.confab.protocol;

/**
 * One connected session in presence. A person logged in from two places (a TUI and a script) is
 * two members with the same {@code user}. {@code muted} and {@code deafened} are what the person
 * chose; {@code serverMuted} is a moderator's mute. A deafened member hears nothing and is
 * muted too. {@code display} is the account's display name, or null (see {@link Account}).
 */
public record Member(long session, long user, String name, Role role, long room, boolean muted, boolean deafened,
        boolean serverMuted, String display) {

    /** A member whose account has no display name. */
    public Member(long session, long user, String name, Role role, long room, boolean muted, boolean deafened,
                  boolean serverMuted) {
        this(session, user, name, role, room, muted, deafened, serverMuted, null);
    }

    /** What clients show for this person: the display name, else the account name. */
    public String shownName() {
        return display != null ? display : name;
    }
}
