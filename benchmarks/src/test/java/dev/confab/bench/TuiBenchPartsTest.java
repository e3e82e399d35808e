package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TUI benchmark's parsing: tmux's control-mode replies and confab's screen, without tmux or a TUI. */
class TuiBenchPartsTest {

    /**
     * An 80x24 screen as docs/TUI.md draws it, with {@code input} after the prompt and two people
     * talking, trailing spaces dropped as capture-pane does.
     */
    private static List<String> screen(String status, String input) {
        List<String> rows = new ArrayList<>();
        rows.add("Lobby                 |12:01 -- you came in");
        rows.add("   bench                |");
        rows.add("tui-x-1               |");
        rows.add("  >bench              |");
        rows.add("  >bench m            |");
        rows.add("   bench              |");
        while (rows.size() < 22) {
            rows.add("                      |");
        }
        rows.add("tui-x-1> " + input);
        rows.add(status);
        rows.replaceAll(String::stripTrailing);
        return rows;
    }

    @Test
    void controlModeBlocksAreRepliesAndNotificationsAreSkipped() {
        ControlReplies parser = new ControlReplies();
        assertThat(parser.accept("%session-changed $0 ctl", 1)).isNull();
        assertThat(parser.accept("%begin 1795355810 270 1", 2)).isNull();
        assertThat(parser.accept("hello", 3)).isNull();
        assertThat(parser.accept("%end 1795355810 999 1", 4)).as("another command's number: screen text").isNull();
        assertThat(parser.accept("", 5)).isNull();
        ControlReplies.Reply reply = parser.accept("%end 1795355810 270 1", 6);
        assertThat(reply.ok()).isTrue();
        assertThat(reply.lines()).containsExactly("hello", "%end 1795355810 999 1", "");
        assertThat(reply.arrivedNanos()).isEqualTo(6);

        assertThat(parser.accept("%output %1 abc", 7)).isNull();
        parser.accept("%begin 1795355811 271 1", 8);
        parser.accept("can't find session: nope", 9);
        ControlReplies.Reply error = parser.accept("%error 1795355811 271 1", 10);
        assertThat(error.ok()).isFalse();
        assertThat(error.lines()).containsExactly("can't find session: nope");
    }

    @Test
    void wordsAreSingleQuotedAndQuotesRefused() {
        assertThat(ControlReplies.quote("#{pane_pid}")).isEqualTo("'#{pane_pid}'");
        assertThat(ControlReplies.quote("a b;c")).isEqualTo("'a b;c'");
        assertThatThrownBy(() -> ControlReplies.quote("it's")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlReplies.quote("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConnectedScreenIsDrawnOnlineInTheRoomWithVoice() {
        TuiScreen screen = new TuiScreen(screen("127.0.0.1:7700 online | tui-x-1 | hold F5 [----------] | 2ms 0.0% udp   ",
                "ab"));
        assertThat(screen.drawn()).isTrue();
        assertThat(screen.inRoom("tui-x-1")).isTrue();
        assertThat(screen.inRoom("Lobby")).as("not the room in the status bar").isFalse();
        assertThat(screen.voiceUp()).isTrue();
        assertThat(screen.typed("tui-x-1> ")).isEqualTo("ab");
        assertThat(screen.typed("Lobby> ")).isNull();
        assertThat(screen.talking()).isEqualTo(2);
    }

    @Test
    void aStartingScreenIsDrawnButNotYetOnline() {
        TuiScreen connecting = new TuiScreen(screen("127.0.0.1:7700 connecting | voice off", ""));
        assertThat(connecting.drawn()).isTrue();
        assertThat(connecting.inRoom("tui-x-1")).isFalse();
        assertThat(connecting.voiceUp()).isFalse();
        assertThat(connecting.typed("tui-x-1> ")).isEmpty();
        assertThat(new TuiScreen(screen("not connected | voice off", "")).drawn()).isTrue();

        List<String> blank = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            blank.add("");
        }
        assertThat(new TuiScreen(blank).drawn()).as("the JVM still starting").isFalse();
        assertThat(new TuiScreen(List.of()).typed("> ")).isNull();
    }

    @Test
    void theOverlayListsSpeakersAndTheirBufferedAudio() {
        List<String> rows = new ArrayList<>(screen("127.0.0.1:7700 online | tui-x-1 | hold F5 [----------] | 2ms 0.0% udp", ""));
        rows.set(0, "Lobby                 | voice diagnostics (F3 closes)");
        rows.set(3, "  >bench              |speaker         depth   loss  late   fec   plc  vol");
        rows.set(4, "  >bench m            |bench            40 ms   0.0%     0     0     3 100%");
        rows.set(5, "   bench              |bench             0 ms   1.5%     2     1     0  80%");
        assertThat(new TuiScreen(rows).overlaySpeakers()).containsExactly(2, 1);
    }
}
