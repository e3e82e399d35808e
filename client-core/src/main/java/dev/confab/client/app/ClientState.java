package dev.confab.client.app;

import dev.confab.client.audio.engine.EngineState;
import dev.confab.protocol.Member;
import dev.confab.protocol.RoomInfo;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything a client UI draws, as one immutable snapshot that the {@link ClientBackend}
 * publishes after each change. The UI never asks the network anything: it renders this.
 *
 * @param phase         where the connection stands
 * @param server        the server, as {@code host:port}, or null before the first connect
 * @param problem       why the connection is not ONLINE (the last failure), or null
 * @param me            this client's own member entry once logged in, or null
 * @param rooms         every room, in the server's order (parents before children)
 * @param members       everyone online, in every room
 * @param conversations the logs, by conversation, in the order they began
 * @param viewing       the conversation the person looks at (its lines are not unread)
 * @param console       notices and errors from before any conversation was viewed (connecting,
 *                      a first contact's fingerprint, a login that failed): the UI shows them
 *                      while {@code viewing} is null; the first conversation viewed takes them
 * @param voice         the voice engine's state, or null while voice is off
 * @param version       counts the snapshots published, so a UI can tell it saw this one
 */
public record ClientState(Phase phase, String server, String problem, Member me, List<RoomInfo> rooms,
                          List<Member> members, Map<Conversation, ConversationLog> conversations,
                          Conversation viewing, List<ChatEntry> console, EngineState voice, long version) {

    public enum Phase {
        /** Not connected (yet, or any more: see {@code problem}). */
        OFFLINE,
        /** Connecting and logging in. */
        CONNECTING,
        /** Logged in. */
        ONLINE,
        /** The connection dropped; resuming it. */
        RECONNECTING
    }

    public static final ClientState INITIAL = new ClientState(Phase.OFFLINE, null, null, null, List.of(), List.of(),
            Map.of(), null, List.of(), null, 0);

    public ClientState {
        rooms = List.copyOf(rooms);
        members = List.copyOf(members);
        console = List.copyOf(console);
        conversations = Collections.unmodifiableMap(new LinkedHashMap<>(conversations));
    }

    /**
     * How to show an account name: the display name of someone online who has one, else the
     * name itself. One lookup table per call; call it once per drawing.
     */
    public UnaryOperator<String> shownNames() {
        Map<String, String> displays = new HashMap<>();
        for (Member m : members) {
            if (m.display() != null) {
                displays.put(m.name(), m.display());
            }
        }
        return displays.isEmpty() ? UnaryOperator.identity() : name -> displays.getOrDefault(name, name);
    }

    /** The room this client is in, or null before login. */
    public RoomInfo room() {
        return me == null ? null : roomById(me.room());
    }

    public RoomInfo roomById(long id) {
        for (RoomInfo r : rooms) {
            if (r.id() == id) {
                return r;
            }
        }
        return null;
    }

    /** Everyone in {@code room}, in the order they came. */
    public List<Member> membersOf(long room) {
        return members.stream().filter(m -> m.room() == room).toList();
    }

    /** The log of {@code conversation}, empty if nothing was said there yet. */
    public ConversationLog log(Conversation conversation) {
        ConversationLog log = conversations.get(conversation);
        return log != null ? log : new ConversationLog(conversation, List.of(), 0);
    }
}
