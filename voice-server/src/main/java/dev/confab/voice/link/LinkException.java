package dev.confab.voice.link;

/**
 * Why a link is being closed: a bad greeting, a frame that does not open, an oversize length, a
 * malformed body. Its message is safe to log: it never holds key material or frame contents.
 */
public final class LinkException extends Exception {

    public LinkException(String message) {
        super(message, null, false, false);
    }
}
