package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Global account roles, weakest first: a role may do everything the roles before it may. */
public enum Role {
    @JsonProperty("guest") GUEST,
    @JsonProperty("member") MEMBER,
    @JsonProperty("moderator") MODERATOR,
    @JsonProperty("admin") ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The wire and command-line spelling. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected guest, member, moderator or admin)");
    }
}
