package dev.confab.protocol;

/** A registered person as others see them. */
public record Account(long id, String name, Role role) {
}
