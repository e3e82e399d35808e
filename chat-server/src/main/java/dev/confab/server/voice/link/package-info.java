/**
 * The chat node's end of the links to voice nodes (split mode: {@code confab-server --role chat}
 * linked to one or more {@code --role voice}). The wire format and the voice node's end are in
 * {@code dev.confab.voice.link}, whose documentation describes the handshake and the frames.
 *
 * <p>{@link dev.confab.server.voice.link.VoiceLink} is one link: a
 * {@link dev.confab.voice.control.VoiceControl} whose calls are sent to one voice node over TCP,
 * sealed under keys derived from the shared secret. Calls never block the hub thread; they go
 * to the link's event loop in order. The link reconnects on its own (0.2 s, doubling to 5 s)
 * until closed, and every time it comes up it opens the sessions opened while it was down, with
 * their latest mute and deafen state: a call made while the link is down takes effect when it
 * returns. The protocol never opens a key twice (a voice node would restart the session's nonces
 * and replay window): sessions already sent on an earlier link are dropped from the link and
 * reported to its {@code keysLost} listener, and the chat server gives them new ids and keys.
 * Packets the voice node sends for tunnelled sessions go to the
 * {@link dev.confab.voice.control.TunnelPeer} given to the link.
 *
 * <p>{@link dev.confab.server.voice.link.VoiceNodes} is the set of links, one per configured node.
 * The node serving a room is the one at index {@code floorMod(room id, node count)} in the
 * configured order, which is also what {@code VoiceRelays} picks given
 * {@link dev.confab.server.voice.link.VoiceNodes#relays()}.
 *
 * <p>Where clients send voice: the host the voice node names in its hello (its public host), or,
 * when it names none, the host this node links to, or, when that is a loopback address, the
 * address the client reached the chat server at; the port is the voice node's UDP port.
 */
package dev.confab.server.voice.link;
