package dev.confab.server.voice;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.Role;
import dev.confab.server.Access;
import dev.confab.server.Hub;
import dev.confab.server.Router;
import dev.confab.server.net.Connection;
import dev.confab.server.presence.Presence;
import dev.confab.server.presence.Session;

/** A person's own mute and deafen, and the relays' counters for admins. Hub thread. */
public final class VoiceHandlers {
    private final Presence presence;
    private final VoiceRelays relays;
    private final Hub hub;

    public VoiceHandlers(Presence presence, VoiceRelays relays, Hub hub) {
        this.presence = presence;
        this.relays = relays;
        this.hub = hub;
    }

    public void register(Router router) {
        router.loggedIn(Request.VoiceState.class, this::voiceState);
        router.loggedIn(Request.ServerStats.class, this::stats);
    }

    private void voiceState(Connection connection, Session session, Request.VoiceState request) {
        boolean muted = request.muted() != null ? request.muted() : session.muted();
        boolean deafened = request.deafened() != null ? request.deafened() : session.deafened();
        presence.setVoiceState(session, muted, deafened, session.serverMuted());
        connection.send(new Reply.Ok(request.id()));
    }

    private void stats(Connection connection, Session session, Request.ServerStats request) {
        Access.requireRole(session, Role.ADMIN, "read server stats");
        hub.then(relays.stats(), connection, request.id(), stats ->
                connection.send(new Reply.ServerStats(request.id(), stats.total(), stats.sessions())));
    }
}
