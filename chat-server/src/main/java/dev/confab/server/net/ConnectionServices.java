package dev.confab.server.net;

import dev.confab.server.Hub;
import dev.confab.server.Router;
import dev.confab.server.moderation.BanList;
import dev.confab.server.presence.Presence;
import dev.confab.server.voice.VoiceSessions;
import java.time.Clock;

/** What every connection's handler shares: the features it hands work to, and the counters. */
public record ConnectionServices(Router router, Hub hub, Presence presence, BanList bans, VoiceSessions voice,
        Clock clock, ServerCounters counters, String serverName) {
}
