package dev.confab.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalTextUtils;
import dev.confab.client.app.ChatEntry;
import dev.confab.client.app.ClientState;
import dev.confab.client.app.Conversation;
import dev.confab.client.app.ConversationLog;
import dev.confab.protocol.Member;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** What the panes say, as a person reading the screen would read it. */
class ViewsTest {

    private static final RoomInfo LOBBY = new RoomInfo(1, null, "Lobby", false, Role.GUEST, 40_000, 0);
    private static final RoomInfo DEN = new RoomInfo(2, 1L, "Den", true, Role.MEMBER, 40_000, 0);
    private static final Member ANN = new Member(11, 1, "ann", Role.MEMBER, 1, false, false, false);
    private static final Member BOB = new Member(12, 2, "bob", Role.MEMBER, 2, true, true, false);

    @Test
    void at80x24TheTreeTakesAQuarterAndTheBottomTwoRowsAreInputAndStatus() {
        Layout layout = Layout.of(80, 24);
        assertThat(layout.treeWidth()).isEqualTo(22);
        assertThat(layout.chatLeft()).isEqualTo(23);
        assertThat(layout.chatWidth()).isEqualTo(57);
        assertThat(layout.chatRows()).isEqualTo(22);
        assertThat(layout.inputRow()).isEqualTo(22);
        assertThat(layout.statusRow()).isEqualTo(23);
        assertThat(Layout.of(40, 20).treeWidth()).as("a narrow screen keeps only the chat").isZero();
        assertThat(Layout.of(20, 5).tooSmall()).isTrue();
    }

    @Test
    void theTreeShowsRoomsPeopleMarkersAndUnread() {
        Map<Conversation, ConversationLog> logs = new LinkedHashMap<>();
        logs.put(Conversation.room(2), new ConversationLog(Conversation.room(2), List.of(), 3));
        logs.put(Conversation.direct("bob"), new ConversationLog(Conversation.direct("bob"), List.of(), 1));
        ClientState state = new ClientState(ClientState.Phase.ONLINE, "localhost:7700", null, ANN, List.of(LOBBY, DEN),
                List.of(ANN, BOB), logs, Conversation.room(1), List.of(), null, 1);
        assertThat(RoomTreeView.lines(state)).extracting(StyledLine::text)
                .containsExactly("Lobby", "   ann", "  #Den (3)", "     bob md", "@bob (1)");
    }

    @Test
    void chatLinesReadLikeIrcAndWrapUnderTheText() {
        List<ChatEntry> entries = List.of(
                new ChatEntry(1, 0, ChatEntry.Kind.MESSAGE, "ann", "hello"),
                new ChatEntry(2, 60_000, ChatEntry.Kind.ACTION, "bob", "waves"),
                new ChatEntry(3, 120_000, ChatEntry.Kind.DIRECT, "bob", "psst"),
                new ChatEntry(0, 180_000, ChatEntry.Kind.NOTICE, null, "ann joined"),
                new ChatEntry(0, 240_000, ChatEntry.Kind.ERROR, null, "there is no room Foo"),
                new ChatEntry(4, 300_000, ChatEntry.Kind.MESSAGE, "ann", "a long line that has to wrap at the width"));
        List<StyledLine> lines = ChatView.lines(entries, 30, 20, 0, ZoneOffset.UTC, UnaryOperator.identity());
        assertThat(lines).extracting(StyledLine::text).containsExactly(
                "00:00 ann hello",
                "00:01 * bob waves",
                "00:02 [dm] bob psst",
                "00:03 -- ann joined",
                "00:04 !! there is no room Foo",
                "00:05 ann a long line that ",
                "      has to wrap at the width");
        assertThat(ChatView.lines(entries, 30, 2, 1, ZoneOffset.UTC, UnaryOperator.identity())).extracting(StyledLine::text)
                .as("scrolled back one line, two rows high")
                .containsExactly("00:04 !! there is no room Foo", "00:05 ann a long line that ");
    }

    @Property(tries = 500)
    void wrappedLinesNeverPassTheWidth(@ForAll @StringLength(max = 300) String text,
                                       @ForAll @IntRange(min = 9, max = 120) int width) {
        List<StyledLine> lines = ChatView.lines(List.of(new ChatEntry(1, 0, ChatEntry.Kind.MESSAGE, "ann", text)), width,
                1000, 0, ZoneOffset.UTC, UnaryOperator.identity());
        for (StyledLine line : lines) {
            assertThat(TerminalTextUtils.getColumnWidth(line.text())).isLessThanOrEqualTo(width);
        }
    }

    @Test
    void theStatusBarSaysWhereYouAreWithoutVoice() {
        ClientState state = new ClientState(ClientState.Phase.RECONNECTING, "chat.example:7700", "connection lost", ANN,
                List.of(LOBBY), List.of(ANN), Map.of(), Conversation.room(1), List.of(), null, 1);
        assertThat(StatusBar.line(state, "PTT F5").text()).isEqualTo("chat.example:7700 reconnecting | Lobby | voice off");
        assertThat(StatusBar.meter(-30)).isEqualTo("[#####-----]");
        assertThat(StatusBar.meter(-100)).isEqualTo("[----------]");
    }
}
