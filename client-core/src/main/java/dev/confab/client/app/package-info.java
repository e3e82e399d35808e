/**
 * The client application's backend, shared by the terminal UI and anything else that wants to
 * be a full client: {@link dev.confab.client.app.ClientBackend} owns the chat session, the voice
 * engine and all client state on one thread; a UI sends it
 * {@link dev.confab.client.app.ClientCommand}s and renders the
 * {@link dev.confab.client.app.ClientState} snapshots it publishes.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>One writer.</b> Session events, replies, state changes and voice engine snapshots are
 *       all handed to the backend's thread, so the state needs no locks and every snapshot is
 *       consistent (a member list and the room tree from the same moment).</li>
 *   <li><b>Coalesced snapshots.</b> A change asks for a publish; the publish runs after the
 *       work already queued, so a burst of events (a snapshot of 500 members) publishes once.
 *       The voice engine's own snapshots come at most ten times a second.</li>
 *   <li><b>Commands are values.</b> A UI's command line is a pure function from text to
 *       commands, tested without any backend; results come back as state, or as a notice or an
 *       error line in the conversation being viewed ("there is no room Foo", the server's
 *       refusal with its code), never as an exception in the UI.</li>
 *   <li><b>Conversations</b> are rooms and direct-message peers. Each keeps the last
 *       {@value dev.confab.client.app.ClientBackend#MAX_LINES} lines and an unread count of
 *       messages that arrived while another conversation was viewed. A room's history is
 *       fetched when it is first viewed; after a resume, each room's log fetches what was said
 *       since its last line, so a dropped connection leaves no gap.</li>
 *   <li><b>Only your room's chat arrives.</b> The server sends room messages to the people in
 *       the room, so a room's unread count grows while you are in it but looking elsewhere
 *       (another room's log, a direct conversation).</li>
 *   <li><b>Voice</b> starts after login when devices are configured; a device that will not
 *       open leaves chat working with an error line ("voice is off: ..."). Changing the input or
 *       output restarts the engine with the same mode, mute, deafen and volumes. Volumes are
 *       kept by account name, so they apply again when the person comes back.</li>
 * </ul>
 */
package dev.confab.client.app;
