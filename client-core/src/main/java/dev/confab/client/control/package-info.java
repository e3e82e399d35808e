/**
 * Push-to-talk from outside the TUI: a Unix domain socket that a system hotkey daemon (through
 * {@code confab-cli ptt press|release|toggle|status}) uses to hold the talk key, because
 * terminals send no key releases and tmux drops the ones some can send. It lives here rather
 * than in the TUI so that {@code confab-cli} can be a client without depending on the TUI.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>A Unix socket, not TCP.</b> File permissions (folder 700, socket 600) are the access
 *       control: only this user can talk through it, with no token to manage. Over SSH the daemon
 *       runs {@code ssh host confab-cli ptt press}, so the socket never leaves the host.</li>
 *   <li><b>Where:</b> {@code $XDG_RUNTIME_DIR/confab/ptt.sock}, else
 *       {@code /tmp/confab-<user>/ptt.sock} ({@link dev.confab.client.control.PttSocketPath}).
 *       One TUI per user owns it; a second is refused with a message, a stale file replaced.</li>
 *   <li><b>A line protocol</b> ({@link dev.confab.client.control.PttControlServer} documents it):
 *       one word per request, one {@code ok talking|ok idle|error <reason>} line per reply, so
 *       {@code socat} or {@code nc -U} can drive it too.</li>
 *   <li><b>A hold lasts as long as its connection</b>, or until a {@code release} from any
 *       connection (a hotkey daemon's key-up is usually a new process). A crashed daemon or a
 *       dropped SSH link therefore ends the hold instead of leaving the microphone open. The
 *       server closes a hold's connection when another connection releases it, so a waiting
 *       {@code confab-cli ptt press} exits.</li>
 *   <li><b>A thread per connection</b> (at most 16) with blocking reads: a client sending garbage,
 *       over-long lines (256 bytes) or not reading its replies stalls only its own thread.
 *       Replies wait (2 s at most) for the TUI to apply the request, so they are true.</li>
 * </ul>
 */
package dev.confab.client.control;
