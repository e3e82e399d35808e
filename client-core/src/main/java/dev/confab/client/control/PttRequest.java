package dev.confab.client.control;

import java.util.Locale;
import java.util.Optional;

/** What a control client may ask, one word per line on the control socket. */
public enum PttRequest {
    /** The external talk key went down: talking until a {@code release} (from any connection) or until this connection closes. */
    PRESS,
    /** The external talk key went up. */
    RELEASE,
    /** Flips the talk latch that the TUI's toggle mode uses. */
    TOGGLE,
    /** Changes nothing; the reply says whether the TUI is transmitting. */
    STATUS;

    /** The word on the wire: {@code press}, {@code release}, {@code toggle}, {@code status}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The request a line names, exactly (lower case, no spaces), or empty. */
    public static Optional<PttRequest> parse(String line) {
        for (PttRequest request : values()) {
            if (request.word().equals(line)) {
                return Optional.of(request);
            }
        }
        return Optional.empty();
    }
}
