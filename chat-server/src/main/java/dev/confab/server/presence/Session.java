package dev.confab.server.presence;

import dev.confab.protocol.Account;
import dev.confab.protocol.Member;
import dev.confab.server.net.Connection;
import dev.confab.server.rooms.Room;
import dev.confab.server.voice.VoiceSessions.VoiceGrant;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;

/**
 * A logged-in presence: one person in one room. It outlives its connection for the resume grace
 * period, buffering what it is sent meanwhile, so a client that reconnects in time sees no gap
 * and the others see no leave and join. Hub thread only.
 */
public final class Session {
    /** Lines kept for a detached session; beyond this the oldest go and the client reads history. */
    static final int MAX_BUFFERED_LINES = 2000;

    private final long id;
    /** Logged in with an API token: its connections get the script request rate, resumes too. */
    private final boolean script;
    private String ip;
    private Account account;
    private Room room;
    private Connection connection;
    private String resumeToken;
    private VoiceGrant voice;
    private boolean muted;
    private boolean deafened;
    private boolean serverMuted;
    private ScheduledFuture<?> expiry;
    private final ArrayDeque<byte[]> missed = new ArrayDeque<>();

    Session(long id, Account account, Connection connection, String resumeToken) {
        this.id = id;
        this.account = account;
        this.connection = connection;
        this.ip = connection.ip();
        this.resumeToken = resumeToken;
        this.script = connection.isScript();
    }

    public long id() {
        return id;
    }

    public Account account() {
        return account;
    }

    public void setAccount(Account account) {
        this.account = account;
    }

    public Room room() {
        return room;
    }

    void setRoom(Room room) {
        this.room = room;
    }

    /** The address of this session's connection, or of its last one while detached. */
    public String ip() {
        return ip;
    }

    public Connection connection() {
        return connection;
    }

    public Member member() {
        return new Member(id, account.id(), account.name(), account.role(), room.id(), muted, deafened, serverMuted,
                account.display());
    }

    public boolean muted() {
        return muted;
    }

    public boolean deafened() {
        return deafened;
    }

    public boolean serverMuted() {
        return serverMuted;
    }

    /** The person's own choice. A deafened person is also silenced at the relay, as in Mumble. */
    void setVoiceState(boolean muted, boolean deafened) {
        this.muted = muted;
        this.deafened = deafened;
    }

    /** Whether the relay drops this person's packets: their own mute, deafen, or a moderator's. */
    public boolean silenced() {
        return muted || deafened || serverMuted;
    }

    void setServerMuted(boolean serverMuted) {
        this.serverMuted = serverMuted;
    }

    public VoiceGrant voice() {
        return voice;
    }

    void setVoice(VoiceGrant voice) {
        this.voice = voice;
    }

    String resumeToken() {
        return resumeToken;
    }

    void attach(Connection connection, String resumeToken) {
        connection.setScript(script);
        this.connection = connection;
        this.ip = connection.ip();
        this.resumeToken = resumeToken;
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        connection.attach(this);
        while (!missed.isEmpty()) {
            connection.sendLine(missed.removeFirst());
        }
    }

    void detach(ScheduledFuture<?> expiry) {
        this.connection = null;
        this.expiry = expiry;
    }

    void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    /** Keeps a line sent while detached, for the resume; the oldest go beyond the limit. */
    void keepForResume(byte[] line) {
        if (missed.size() == MAX_BUFFERED_LINES) {
            missed.removeFirst();
        }
        missed.addLast(line);
    }
}
