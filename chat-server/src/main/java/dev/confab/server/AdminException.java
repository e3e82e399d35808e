package dev.confab.server;

/** A refusal by one of the {@code confab-server admin} tools, to show the operator as is. */
public final class AdminException extends Exception {
    public AdminException(String message) {
        super(message);
    }
}
