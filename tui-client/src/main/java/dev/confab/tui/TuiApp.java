package dev.confab.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import com.googlecode.lanterna.screen.Screen;
import dev.confab.client.app.ChatEntry;
import dev.confab.client.app.ClientBackend;
import dev.confab.client.app.ClientCommand;
import dev.confab.client.app.ClientState;
import dev.confab.client.app.Conversation;
import dev.confab.client.app.ConversationLog;
import dev.confab.tui.ptt.PushToTalk;
import dev.confab.tui.view.ChatView;
import dev.confab.tui.view.DebugOverlay;
import dev.confab.tui.view.Layout;
import dev.confab.tui.view.Painter;
import dev.confab.tui.view.RoomTreeView;
import dev.confab.tui.view.StatusBar;
import dev.confab.tui.view.StyledLine;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI thread: reads keys, feeds push-to-talk, hands commands to the backend and draws the
 * newest {@link ClientState}. It never waits for the network or audio: the backend publishes,
 * the UI thread is woken and redraws. Drawing happens only when something changed (a snapshot,
 * a key, a resize, a push-to-talk tick that changed something), so an idle client costs almost
 * nothing.
 */
final class TuiApp {

    /** How often the loop looks at the keyboard and the talk key's timers while idle. */
    private static final Logger log = LoggerFactory.getLogger(TuiApp.class);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** ... and right after a key, while auto-repeat may be holding the talk key. */
    private static final long BUSY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How often to look whether the terminal hung up ({@link TerminalHangup}). */
    private static final long HANGUP_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Screen screen;
    private final ClientBackend backend;
    private final PushToTalk ptt;
    private final InputLine input;
    private final Consumer<String> localCommand;
    private final ZoneId zone = ZoneId.systemDefault();
    private final Thread uiThread = Thread.currentThread();

    private volatile ClientState state = ClientState.INITIAL;
    private ClientState drawn;
    private boolean dirty = true;
    private boolean debug;
    private int scrollBack;
    private boolean quit;
    private long lastKeyNanos;

    TuiApp(Screen screen, ClientBackend backend, PushToTalk ptt, InputLine input, Consumer<String> localCommand) {
        this.screen = screen;
        this.backend = backend;
        this.ptt = ptt;
        this.input = input;
        this.localCommand = localCommand;
        backend.addListener(next -> {
            state = next;
            LockSupport.unpark(uiThread);
        });
    }

    ClientState state() {
        return state;
    }

    void quit() {
        quit = true;
    }

    /** Runs until {@code /quit}, Ctrl-C, or the terminal hangs up. */
    void run() throws IOException {
        long hangupChecked = System.nanoTime();
        while (!quit) {
            long now = System.nanoTime();
            if (now - hangupChecked > HANGUP_CHECK_NANOS) {
                hangupChecked = now;
                if (TerminalHangup.happened()) {
                    log.info("the terminal hung up: leaving");
                    return;
                }
            }
            KeyStroke key = screen.pollInput();
            while (key != null) {
                lastKeyNanos = now;
                handle(key, now);
                dirty = true;
                key = quit ? null : screen.pollInput();
            }
            ptt.tick(now);
            if (screen.doResizeIfNecessary() != null) {
                dirty = true;
                lastFrame = null; // Lanterna's buffers were remade: paint all again
            }
            ClientState s = state;
            if (dirty || s != drawn) {
                draw(s);
                drawn = s;
                dirty = false;
            }
            LockSupport.parkNanos(now - lastKeyNanos < TimeUnit.SECONDS.toNanos(1) ? BUSY_POLL_NANOS : IDLE_POLL_NANOS);
        }
    }

    private void handle(KeyStroke key, long now) {
        if (key instanceof MouseAction mouse) {
            if (mouse.getActionType() == MouseActionType.CLICK_DOWN) {
                ptt.mousePressed(now);
            } else if (mouse.getActionType() == MouseActionType.CLICK_RELEASE) {
                ptt.mouseReleased(now);
            }
            return;
        }
        if (ptt.key(key, now)) {
            return;
        }
        if (key.getKeyType() == KeyType.EOF || key.isCtrlDown() && key.getCharacter() != null
                && key.getCharacter() == 'c') {
            quit = true;
            return;
        }
        switch (key.getKeyType()) {
            case F3 -> debug = !debug;
            case PageUp -> scrollBack += Math.max(1, layout().chatRows() - 2);
            case PageDown -> scrollBack = Math.max(0, scrollBack - Math.max(1, layout().chatRows() - 2));
            default -> {
                if (key.isAltDown() && key.getKeyType() == KeyType.ArrowRight || key.isCtrlDown() && isChar(key, 'n')) {
                    switchConversation(1);
                } else if (key.isAltDown() && key.getKeyType() == KeyType.ArrowLeft || key.isCtrlDown() && isChar(key, 'p')) {
                    switchConversation(-1);
                } else {
                    String line = input.key(key, state);
                    if (line != null) {
                        scrollBack = 0;
                        localCommand.accept(line);
                    }
                }
            }
        }
    }

    private static boolean isChar(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && key.getCharacter() != null
                && Character.toLowerCase(key.getCharacter()) == c;
    }

    /** Views the next (or previous) conversation: rooms with a log first, then direct ones. */
    private void switchConversation(int step) {
        ClientState s = state;
        List<Conversation> all = new ArrayList<>(s.conversations().keySet());
        if (all.isEmpty()) {
            return;
        }
        int at = all.indexOf(s.viewing());
        Conversation next = all.get(Math.floorMod(at + step, all.size()));
        scrollBack = 0;
        backend.submit(new ClientCommand.View(next));
    }

    private Layout layout() {
        TerminalSize size = screen.getTerminalSize();
        return Layout.of(size.getColumns(), size.getRows());
    }

    /**
     * Everything one drawing puts on the screen. The voice engine publishes a new state ten times a
     * second (its counters move even in silence), and most of those change nothing that is shown:
     * equal frames are not painted, so an idle confab does not keep redrawing.
     */
    private record Frame(Layout layout, List<StyledLine> tree, List<StyledLine> chat, InputLine.Shown input,
                         StyledLine status) {
    }

    private Frame lastFrame;

    private void draw(ClientState s) throws IOException {
        Layout layout = layout();
        if (layout.tooSmall()) {
            lastFrame = null;
            TextGraphics g = screen.newTextGraphics();
            screen.clear();
            g.putString(0, 0, Painter.fit("confab needs " + Layout.MIN_COLUMNS + "x" + Layout.MIN_ROWS, layout.columns()));
            screen.refresh();
            return;
        }
        Frame frame = new Frame(layout, layout.treeWidth() > 0 ? RoomTreeView.lines(s) : List.of(), chatLines(s, layout),
                input.shown(prompt(s), layout.columns()), StatusBar.line(s, pttLabel()));
        if (frame.equals(lastFrame)) {
            return;
        }
        lastFrame = frame;
        TextGraphics g = screen.newTextGraphics();
        if (layout.treeWidth() > 0) {
            Painter.paint(g, 0, 0, layout.treeWidth(), layout.chatRows(), frame.tree());
            g.setForegroundColor(TextColor.ANSI.BLACK_BRIGHT);
            for (int row = 0; row < layout.chatRows(); row++) {
                g.setCharacter(layout.treeWidth(), row, '|');
            }
        }
        Painter.paint(g, layout.chatLeft(), 0, layout.chatWidth(), layout.chatRows(), frame.chat());
        Painter.paint(g, 0, layout.inputRow(), layout.columns(), 1, List.of(frame.input().line()));
        Painter.paint(g, 0, layout.statusRow(), layout.columns(), 1, List.of(frame.status()));
        screen.setCursorPosition(new TerminalPosition(Math.min(frame.input().cursorColumn(), layout.columns() - 1),
                layout.inputRow()));
        screen.refresh(Screen.RefreshType.DELTA);
    }

    private List<StyledLine> chatLines(ClientState s, Layout layout) {
        if (debug) {
            return DebugOverlay.lines(s);
        }
        ConversationLog viewed = s.viewing() == null ? null : s.log(s.viewing());
        List<ChatEntry> entries = s.viewing() == null ? s.console() : viewed == null ? List.of() : viewed.entries();
        List<StyledLine> all = ChatView.wrapped(entries, layout.chatWidth(), zone, s.shownNames());
        scrollBack = Math.min(scrollBack, Math.max(0, all.size() - layout.chatRows()));
        return ChatView.window(all, layout.chatRows(), scrollBack);
    }

    private static String prompt(ClientState s) {
        Conversation c = s.viewing();
        if (c == null) {
            return "> ";
        }
        if (c.isDirect()) {
            return "@" + c.peer() + "> ";
        }
        var room = s.roomById(c.room());
        return (room == null ? "#" + c.room() : room.name()) + "> ";
    }

    private String pttLabel() {
        PushToTalk.Settings settings = ptt.settings();
        return (settings.mode() == PushToTalk.Mode.HOLD ? "hold " : "toggle ") + settings.key();
    }
}
