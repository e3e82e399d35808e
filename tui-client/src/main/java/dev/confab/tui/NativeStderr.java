package dev.confab.tui;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points the process's file descriptor 2 at a file while the screen is up. Native audio libraries
 * write to it directly (PortAudio's "Expression '...' failed" lines cannot be redirected any
 * other way, and an ALSA or JACK library loaded by a third party prints before confab can route
 * its messages), and anything written there would land in the middle of the drawn screen. The
 * JVM's own System.err goes the same way. {@link #close()} puts the terminal back, so errors
 * after the screen closes are seen.
 */
final class NativeStderr implements AutoCloseable {

    /** The three libc calls, through JNA: no JNI of our own. */
    private interface LibC extends Library {
        int open(String path, int flags, int mode);

        int dup(int fd);

        int dup2(int from, int to);

        int close(int fd);
    }

    private static final int STDERR = 2;
    // Linux's values (the same on x86-64 and AArch64).
    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int MODE_600 = 0600;

    private final LibC libc;
    private final int saved;

    private NativeStderr(LibC libc, int saved) {
        this.libc = libc;
        this.saved = saved;
    }

    /**
     * Sends descriptor 2 to {@code file} (appending, created mode 600), or does nothing where that
     * is not possible (not Linux, no libc through JNA, the file cannot be opened): the screen may
     * then be written over, which is no reason not to start.
     */
    static NativeStderr redirectTo(Path file) {
        if (!Platform.isLinux()) {
            return new NativeStderr(null, -1);
        }
        try {
            Files.createDirectories(file.getParent());
            LibC libc = Native.load("c", LibC.class);
            int target = libc.open(file.toString(), O_WRONLY | O_CREAT | O_APPEND, MODE_600);
            if (target < 0) {
                return new NativeStderr(null, -1);
            }
            System.err.flush();
            int saved = libc.dup(STDERR);
            libc.dup2(target, STDERR);
            libc.close(target);
            return new NativeStderr(libc, saved);
        } catch (IOException | UnsatisfiedLinkError e) {
            return new NativeStderr(null, -1);
        }
    }

    @Override
    public void close() {
        if (libc != null && saved >= 0) {
            System.err.flush();
            libc.dup2(saved, STDERR);
            libc.close(saved);
        }
    }
}
