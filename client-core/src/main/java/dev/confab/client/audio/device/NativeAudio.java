package dev.confab.client.audio.device;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few calls into ALSA and JACK made directly through JNA, all best effort: on a machine
 * without the library each one does nothing.
 *
 * <ul>
 *   <li>{@link #reloadAlsaConfiguration()}: ALSA reads its configuration once per process, and
 *       the ALSA pulse plugin decides there whether PulseAudio is running; a process that touched
 *       ALSA before the PulseAudio server started keeps seeing no device. Freeing ALSA's global
 *       configuration makes the next open read it again.</li>
 *   <li>{@link #routeMessagesToLog()}: ALSA ("ALSA lib pcm.c:...: underrun occurred") and JACK
 *       ("Cannot connect to server socket") print to stderr, where they would scribble over a
 *       terminal UI; PortAudio's initialisation alone probes every ALSA device and tries to reach
 *       a JACK server. Their printers are replaced, for the life of the process, by ones that
 *       send the messages to this logger at debug level. PortAudio's own diagnostics
 *       ("Expression '...' failed in pa_linux_alsa.c") cannot be redirected: its setter is not
 *       exported; they appear only when opening a device fails.</li>
 * </ul>
 */
final class NativeAudio {

    private static final Logger log = LoggerFactory.getLogger(NativeAudio.class);

    /**
     * ALSA's handler is variadic; the printf arguments after {@code fmt} are left unread, which
     * the Linux calling conventions (x86-64, AArch64) allow, so the format is logged unexpanded.
     */
    interface AlsaErrorHandler extends Callback {
        void invoke(String file, int line, String function, int err, String fmt);
    }

    interface JackMessageHandler extends Callback {
        void invoke(String message);
    }

    // Strong references: a callback collected while installed would crash the process.
    private static final AlsaErrorHandler ALSA_TO_LOG = (file, line, function, err, fmt) ->
            log.debug("ALSA: {} ({}:{}, error {}): {}", function, file, line, err, fmt);
    private static final JackMessageHandler JACK_TO_LOG = message -> log.debug("JACK: {}", message);

    private static boolean routed;

    /**
     * Every library opened here, held for the life of the process: JNA closes a library whose
     * NativeLibrary is collected, and a libjack unloaded and loaded again by PortAudio would
     * print to stderr again with its default printers.
     */
    private static final Map<String, NativeLibrary> LIBRARIES = new HashMap<>();

    private NativeAudio() {
    }

    /** Makes ALSA read its configuration again at its next open; false if ALSA is not there. */
    static synchronized boolean reloadAlsaConfiguration() {
        Function free = function("asound", "snd_config_update_free_global");
        if (free == null) {
            return false;
        }
        free.invokeInt(new Object[0]);
        log.debug("asked ALSA to read its configuration again");
        return true;
    }

    /** Sends ALSA's and JACK's messages to the debug log from now on. Idempotent. */
    static synchronized void routeMessagesToLog() {
        if (routed) {
            return;
        }
        routed = true;
        Function alsa = function("asound", "snd_lib_error_set_handler");
        if (alsa != null) {
            alsa.invokeInt(new Object[] {ALSA_TO_LOG});
        }
        for (String setter : new String[] {"jack_set_error_function", "jack_set_info_function"}) {
            Function jack = function("jack", setter);
            if (jack != null) {
                jack.invokeVoid(new Object[] {JACK_TO_LOG});
            }
        }
    }

    private static synchronized Function function(String library, String name) {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return LIBRARIES.computeIfAbsent(library, NativeLibrary::getInstance).getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            log.debug("no {} in lib{}: {}", name, library, e.getMessage());
            return null;
        }
    }
}
