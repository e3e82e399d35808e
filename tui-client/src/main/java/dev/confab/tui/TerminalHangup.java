package dev.confab.tui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells when the terminal confab draws on has gone: the ssh connection dropped, the tmux session
 * was killed, the terminal window closed. Lanterna reads keys only when input is ready, so a
 * hung-up terminal looks like one where nobody types, and the hangup signal goes to the session
 * leader (a shell or a script such as confab-demo), which may not pass it on: confab would run on
 * with nobody to see it. On Linux a pseudo-terminal whose other side closed shows in /proc as a
 * deleted device; elsewhere this never says gone.
 */
final class TerminalHangup {

    private static final Path STDIN = Path.of("/proc/self/fd/0");
    private static final String DELETED = " (deleted)";

    private TerminalHangup() {
    }

    /** Whether standard input is a terminal device that no longer exists. Does file I/O: call it seldom. */
    static boolean happened() {
        try {
            return Files.readSymbolicLink(STDIN).toString().endsWith(DELETED);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux, or no /proc: nothing to tell by
        }
    }
}
