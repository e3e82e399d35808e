package dev.confab.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of confab-cli. Scripts branch on these, so a code never changes meaning; each
 * kind of failure a script might handle differently (retry later, log in again, give up) has
 * its own.
 */
public enum Exit {
    OK(0, "success"),
    FAILURE(1, "unexpected failure (a bug in confab-cli: please report it)"),
    USAGE(2, "usage: unknown command or flag, bad value, missing server or room argument"),
    AUTH(3, "authentication: not logged in, wrong password or token, banned, kicked"),
    NOT_FOUND(4, "not found: no such room, user, token or ban"),
    PERMISSION(5, "permission: role too low, wrong room password, room full"),
    NETWORK(6, "network: cannot connect, connection lost, no answer in time"),
    SERVER(7, "server trouble: internal error, rate limited, shutting down"),
    UNTRUSTED(8, "the server's certificate fingerprint is not the pinned one"),
    REFUSED(9, "refused by the server: name taken or invalid, weak password, text too long, bad value");

    private final int code;
    private final String meaning;

    Exit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** The exit-code table every command's --help ends with. */
    static Map<String, String> helpTable() {
        Map<String, String> table = new LinkedHashMap<>();
        for (Exit exit : values()) {
            table.put(String.format("%3d", exit.code), exit.meaning);
        }
        return table;
    }
}
