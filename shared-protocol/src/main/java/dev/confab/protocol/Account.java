package dev.confab.protocol;

/**
 * A registered person as others see them. {@code display} is the name they chose to be shown by
 * ({@code set_display_name}), or null: clients then show {@code name}, which never changes and
 * is what commands and mentions use.
 */
public record Account(long id, String name, Role role, String display) {

    /** An account with no display name. */
    public Account(long id, String name, Role role) {
        this(id, name, role, null);
    }
}
