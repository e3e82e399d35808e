/**
 * The link between a chat node and a voice node in split mode: the
 * {@link dev.confab.voice.control.VoiceControl} calls, chat to voice, and the tunnel both ways,
 * over one authenticated TCP connection. This package is the voice node's end
 * ({@link dev.confab.voice.link.LinkServer}, {@link dev.confab.voice.link.VoiceNode}) and the wire
 * format both ends share; the chat node's end is {@code dev.confab.server.voice.link}.
 *
 * <h2>Transport and handshake</h2>
 * TCP. A voice node listens for links on a port of its own, by default the number of its UDP
 * voice port. Both ends know a shared secret of at least 32 random bytes.
 * <ol>
 * <li>The chat node connects and sends {@code "CONFAB-LINK/1"} (13 ASCII bytes) and a fresh
 *     32-byte random nonce. The voice node answers the same way with its own nonce.</li>
 * <li>Each end derives two 256-bit keys, HmacSHA256(secret, label || chatNonce || voiceNonce) for
 *     the labels {@code "chat->voice"} and {@code "voice->chat"}: one per direction, new for every
 *     connection.</li>
 * <li>The chat node sends a sealed HELLO. The voice node answers with its own HELLO (where
 *     clients send voice: a public host, or none for "the host you linked to", and the UDP port)
 *     only once the chat node's has opened: a peer without the secret learns nothing but a nonce.
 *     The link is up at each end when the other's HELLO opens. Both must happen within
 *     {@value dev.confab.voice.link.LinkHandler#HANDSHAKE_SECONDS} s.</li>
 * </ol>
 *
 * <h2>Frames</h2>
 * A 4-byte big-endian length, in clear, then that many bytes: the plaintext (one type byte and a
 * body, see {@link dev.confab.voice.link.LinkFrames}) sealed with ChaCha20-Poly1305 under the
 * direction's key, the length prefix as associated data. The nonce is four zero bytes and a
 * 64-bit count of the frames sent so far in that direction, starting at 0: never sent, never
 * reused. A length outside 17 bytes to 64 KiB, a frame that does not open (a wrong secret, a
 * changed, replayed, dropped or reordered frame), a malformed body or a protocol error closes the
 * link, with one log line that names the reason and never a secret, a key or a frame's bytes.
 *
 * <p>Chat to voice: OPEN (a {@link dev.confab.voice.control.SessionSpec} with its key), CLOSE,
 * STATE (muted, deafened), TUNNEL_IN (a client's voice packet that came over its chat connection),
 * STATS_REQUEST. Voice to chat: TUNNEL_OUT (a packet for a tunnelled session), STATS_REPLY (in
 * parts when a large relay's sessions do not fit one frame). Both ways: HELLO first, and PING
 * when an end has sent nothing for {@value dev.confab.voice.link.LinkHandler#PING_SECONDS} s; an
 * end that hears nothing for {@value dev.confab.voice.link.LinkHandler#SILENCE_SECONDS} s closes
 * the link, so a chat node that vanishes without a TCP reset still loses its sessions.
 *
 * <h2>State</h2>
 * A voice node keeps nothing about a link beyond the link: when it drops, every session that link
 * opened is closed, and its keys open nothing more. A key is opened at a voice node at most once:
 * a reopened session would start its downlink sequence and replay window afresh, reusing nonces
 * and accepting old packets. So when a link comes back, the chat node sends the sessions opened
 * while it was down, and gives every session whose key the voice node has lost a new voice
 * session (new id, new key, a new grant to its client). A voice node restart costs a few seconds
 * of voice, not sessions.
 */
package dev.confab.voice.link;
