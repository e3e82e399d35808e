package dev.confab.tui.view;

import com.googlecode.lanterna.TextColor;
import dev.confab.client.app.ClientState;
import dev.confab.client.app.Conversation;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.protocol.Member;
import dev.confab.protocol.RoomInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The room tree with the people in each room, as lines: rooms indented by depth with their
 * unread count, people under them with markers that read without colour too:
 * {@code >} talking, {@code m} muted (by themselves), {@code M} muted by a moderator,
 * {@code d} deafened; you in bold. Direct conversations with unread lines follow the tree.
 */
public final class RoomTreeView {

    private RoomTreeView() {
    }

    public static List<StyledLine> lines(ClientState state) {
        List<StyledLine> out = new ArrayList<>();
        Set<Long> talking = talking(state);
        long myRoom = state.me() == null ? -1 : state.me().room();
        for (RoomInfo root : children(state, null)) {
            addRoom(state, root, 0, myRoom, talking, out);
        }
        for (var log : state.conversations().values()) {
            Conversation c = log.conversation();
            if (c.isDirect()) {
                StyledLine.Builder line = new StyledLine.Builder().add("@" + c.peer(), Palette.of(c.peer()), false);
                if (log.unread() > 0) {
                    line.add(" (" + log.unread() + ")", TextColor.ANSI.YELLOW_BRIGHT, true);
                }
                out.add(line.build());
            }
        }
        return out;
    }

    private static void addRoom(ClientState state, RoomInfo room, int depth, long myRoom, Set<Long> talking,
                                List<StyledLine> out) {
        String indent = "  ".repeat(depth);
        StyledLine.Builder line = new StyledLine.Builder();
        String name = indent + (room.hasPassword() ? "#" : "") + room.name();
        if (room.id() == myRoom) {
            line.add(name, TextColor.ANSI.CYAN_BRIGHT, true);
        } else {
            line.add(name, TextColor.ANSI.CYAN, false);
        }
        int unread = state.log(Conversation.room(room.id())).unread();
        if (unread > 0) {
            line.add(" (" + unread + ")", TextColor.ANSI.YELLOW_BRIGHT, true);
        }
        out.add(line.build());
        for (Member m : state.membersOf(room.id())) {
            out.add(member(state, m, indent + "  ", talking.contains(m.session())));
        }
        for (RoomInfo child : children(state, room.id())) {
            addRoom(state, child, depth + 1, myRoom, talking, out);
        }
    }

    private static StyledLine member(ClientState state, Member m, String indent, boolean talking) {
        boolean me = state.me() != null && state.me().session() == m.session();
        StyledLine.Builder line = new StyledLine.Builder().add(indent);
        line.add(talking ? ">" : " ", TextColor.ANSI.GREEN_BRIGHT, true);
        line.add(m.shownName(), Palette.of(m.name()), me);
        String marks = (m.serverMuted() ? "M" : m.muted() ? "m" : "") + (m.deafened() ? "d" : "");
        if (!marks.isEmpty()) {
            line.add(" " + marks, TextColor.ANSI.RED, false);
        }
        return line.build();
    }

    private static List<RoomInfo> children(ClientState state, Long parent) {
        List<RoomInfo> out = new ArrayList<>();
        for (RoomInfo r : state.rooms()) {
            if (parent == null ? r.parent() == null || state.roomById(r.parent()) == null : parent.equals(r.parent())) {
                out.add(r);
            }
        }
        return out;
    }

    /** The sessions heard talking now: remote speakers from the voice engine, and this client while it transmits. */
    static Set<Long> talking(ClientState state) {
        Set<Long> out = new HashSet<>();
        EngineState voice = state.voice();
        if (voice == null) {
            return out;
        }
        for (EngineState.Speaker s : voice.speakers()) {
            if (s.talking()) {
                out.add(s.id());
            }
        }
        if (state.me() != null && voice.capture().transmitting()) {
            out.add(state.me().session());
        }
        return out;
    }
}
