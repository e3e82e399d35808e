package dev.confab.server.net;

import java.util.concurrent.atomic.LongAdder;

/** What the chat listener refused or cut off, counted without locks from every event loop. */
public final class ServerCounters {
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder badLines = new LongAdder();
    public final LongAdder overlongLines = new LongAdder();
    public final LongAdder rateLimited = new LongAdder();
    public final LongAdder floodDisconnects = new LongAdder();
    public final LongAdder idleDisconnects = new LongAdder();
    public final LongAdder bannedAtConnect = new LongAdder();
    /** Logged-in sessions whose connection dropped, counted once the hub keeps them for a resume. */
    public final LongAdder sessionsDetached = new LongAdder();
    /** Voice packets clients sent over their chat connection and the relay got. */
    public final LongAdder tunnelledIn = new LongAdder();
    /** Tunnelled voice packets dropped here: over budget, not base64, or not the sender's session. */
    public final LongAdder tunnelDropped = new LongAdder();
}
