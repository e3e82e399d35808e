/**
 * The input line's logic, with no terminal in it: {@link dev.confab.tui.input.LineEditor}
 * (text, cursor, editing keys, history, horizontal scroll),
 * {@link dev.confab.tui.input.SlashCommands} (a line to a {@code ClientCommand}, a UI-local
 * action or a usage error) and {@link dev.confab.tui.input.Completer} (Tab). The UI maps
 * Lanterna's key strokes to their methods, so everything here is tested without a screen.
 *
 * <h2>Syntax decisions</h2>
 * <ul>
 *   <li><b>irssi/weechat style.</b> A line not starting with {@code /} is said in the
 *       conversation viewed; {@code //text} says {@code /text}; command names are case
 *       insensitive; a blank line does nothing. Every mistake is one line naming the problem and
 *       the command's syntax ({@code 'loud' is not a percentage; usage: /vol PERSON PERCENT}),
 *       with what was typed shortened and its control characters blanked.</li>
 *   <li><b>Room names hold spaces</b> (the server allows letters, digits, spaces and
 *       {@code _.'#+-}), so a room argument is the rest of the line, without quotes:
 *       {@code /join Team Room}. Where a command takes a room and something else, the separator
 *       is a character room names cannot hold, so no name is ambiguous:
 *       {@code /create Team Room/Ops Talk} (a room inside another; {@code in PARENT} was
 *       rejected because "Sit in Chat" is a valid name) and
 *       {@code /rename Old Room -> New Room}.</li>
 *   <li><b>Account names have no spaces</b>, so a person is one word and the text after it is
 *       the rest of the line: {@code /msg bob see you}, {@code /kick bob spamming}.</li>
 *   <li><b>{@code /ban PERSON [DURATION] [REASON]}:</b> a second word shaped like a duration
 *       ({@code 10m}, {@code 2h}, {@code 7d}, {@code 1h30m}) is the duration and must then be a
 *       valid one (more than 0, at most 100 years), read by client-core's {@code BanDurations}
 *       as confab-cli's {@code ban --for} reads it; anything else starts the reason, and no
 *       duration bans for good.</li>
 *   <li><b>Switches:</b> {@code /mute}, {@code /deafen} and {@code /echo} take {@code on} or
 *       {@code off}, and alone flip the voice engine's current state (on when voice is off).</li>
 *   <li><b>{@code /ptt hold|toggle|vad|continuous}:</b> hold and toggle are the talk key's
 *       modes, which the UI keeps (a local action; the UI also sends
 *       {@code Mode(PUSH_TO_TALK)}); vad and continuous are transmit modes sent to the backend.</li>
 *   <li><b>Devices:</b> {@code /input [BACKEND:]DEVICE}; the part before the first colon is a
 *       backend only when it is one's name ({@code javasound}, {@code portaudio}, ...), because
 *       device names hold colons ({@code hw:0,0}); {@code default}, or nothing after the
 *       backend's colon, is the default device.</li>
 *   <li><b>Local actions</b> are what the UI does itself: {@code /connect} (the UI finds the
 *       stored login and the trust store; {@code /connect N} opens bookmark N), {@code /trust}
 *       (a server met for the first time), {@code /login} and {@code /register} (the password
 *       is the next line), {@code /ptt hold|toggle}, {@code /help}, {@code /quit}.</li>
 *   <li><b>{@code /nick NAME}</b> sets the display name everyone sees for the account (the rest
 *       of the line, spaces and all); {@code /nick} alone removes it.</li>
 *   <li><b>One table.</b> {@link dev.confab.tui.input.SlashCommands#COMMANDS} gives each
 *       command's syntax, help and argument kinds; {@code /help} prints it and Tab completes
 *       by it, so neither can disagree with the parser about what an argument is.</li>
 *   <li><b>Editing</b> is readline's: Ctrl-A/E, Ctrl-K/U/W, Up/Down through the last
 *       {@value dev.confab.tui.input.LineEditor#MAX_HISTORY} lines (blank lines and repeats
 *       in a row are not kept) with the line being typed kept as the newest. The scroll moves
 *       only when the cursor would leave the view.</li>
 * </ul>
 */
package dev.confab.tui.input;
