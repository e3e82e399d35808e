package dev.confab.server;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Role;
import dev.confab.server.presence.Session;

/** Role checks shared by every feature, with the messages people see when they fail. */
public final class Access {
    private Access() {
    }

    public static void requireRole(Session session, Role needed, String action) {
        if (!session.account().role().atLeast(needed)) {
            throw new ChatFailure(ErrorCode.FORBIDDEN, "you need the " + needed.wireName() + " role to " + action);
        }
    }

    /** Moderators act on people below them; admins act on anyone. */
    public static boolean outranks(Session actor, Role target) {
        Role role = actor.account().role();
        return role == Role.ADMIN || role.compareTo(target) > 0;
    }

    public static void requireOutranks(Session actor, Role target, String action) {
        if (!outranks(actor, target)) {
            throw new ChatFailure(ErrorCode.FORBIDDEN, "you cannot " + action + " someone with the "
                    + target.wireName() + " role");
        }
    }

    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ChatFailure(ErrorCode.BAD_REQUEST, "\"" + field + "\" is required");
        }
        return value;
    }
}
