/**
 * Push-to-talk input for the TUI: every honest way to hold the talk key in a terminal, which
 * sends no key releases (and under tmux loses the ones some terminals can send). The UI feeds
 * one {@link dev.confab.tui.ptt.PushToTalk} with keys, mouse buttons and ticks, gives it to the
 * control socket ({@code dev.confab.client.control.PttControlServer}) as its listener, and
 * sends {@code ClientCommand.Talk} when it reports a change.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>True hold where the terminal can:</b> the kitty keyboard protocol with flags
 *       1|2 ({@link dev.confab.tui.ptt.KittyKeyboard}); its sequences reach the UI through
 *       {@link dev.confab.tui.ptt.KittyKeyPattern}, added to Lanterna's input decoder, which
 *       would otherwise split them into loose characters. The first release event seen (or the
 *       terminal's reply to the flags query) switches holds to end at the release. Even with
 *       the protocol on, a character key's presses and repeats come as plain text (only its
 *       release is a sequence), so a character talk key keeps the repeat gaps and ends early at
 *       its release: function keys, the default, get the true hold.</li>
 *   <li><b>Elsewhere, hold by auto-repeat</b> ({@link dev.confab.tui.ptt.RepeatHold}): the
 *       key counts as held until its repeats stop for longer than 700 ms before the first repeat
 *       (keyboards wait 250-660 ms) or 150 ms between repeats (25-40 a second, with SSH jitter),
 *       both configurable. The cost is that talk goes on that long after the release, and that
 *       a tap talks for 0.7 s; the gain is that it works in every terminal, tmux included.</li>
 *   <li><b>Toggle</b> ({@link dev.confab.tui.ptt.Toggle}) for people whose keyboards or
 *       terminals do neither well, with an optional auto-stop. Without the protocol a held key's
 *       repeats are presses, so only the first press of a hold flips it.</li>
 *   <li><b>External control and the mouse</b> hold too; talk goes on while any source holds,
 *       and {@code talking} is called only on changes. A control client's hold ends with its
 *       connection.</li>
 *   <li><b>Pure and single-threaded:</b> time comes in as nanoseconds and the UI calls
 *       {@code tick(now)} every frame, so every timing is tested with a fake clock. The only
 *       other thread, the control socket's, hands requests over through a lock-free queue that
 *       the next tick drains.</li>
 *   <li><b>The default key is F5</b> ({@link dev.confab.tui.ptt.PttKey} says why not F1, F10,
 *       F11 or F12).</li>
 * </ul>
 */
package dev.confab.tui.ptt;
