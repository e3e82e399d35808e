package dev.confab.tui.ptt;

import com.googlecode.lanterna.input.KeyStroke;
import dev.confab.client.control.PttControlListener;
import dev.confab.client.control.PttRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The one push-to-talk object the TUI feeds. It merges every source that can hold the talk key
 * (the keyboard, the mouse, control-socket clients, the toggle latch) and tells
 * {@code talking} ({@code backend.submit(new ClientCommand.Talk(t))}) only when the merged
 * state changes: the TUI transmits while any source holds.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>{@link Mode#HOLD}: talking while the key is held. With the kitty protocol reporting
 *       releases ({@link #releasesReported}, or learned from the first release seen) the hold
 *       ends at the release; otherwise by {@link RepeatHold}'s gap in the auto-repeats. The mouse
 *       holds between {@link #mousePressed} and {@link #mouseReleased}.</li>
 *   <li>{@link Mode#TOGGLE}: a key press or mouse press flips the latch; a held key's repeats
 *       (REPEAT events, or without the protocol presses that come as fast as repeats) do not
 *       flip it again. The latch stops by itself after {@link Settings#toggleAutoStop()}.</li>
 * </ul>
 * In both modes control clients can {@code press} (held until any {@code release}, or until the
 * pressing connection closes) and {@code toggle} the same latch.
 *
 * <h2>Threads</h2>
 * Everything is called on the UI thread, except {@link #request} and {@link #closed}, which the
 * control socket's threads call: they only queue the request (a lock-free queue), and the next
 * {@link #tick} applies it on the UI thread and then completes the request's answer. So all state
 * has one thread and {@code talking} is always called on the UI thread.
 */
public final class PushToTalk implements PttControlListener {

    public enum Mode { HOLD, TOGGLE }

    /** What currently holds the talk key; for the state bar ("TX key", "TX remote"). */
    public enum Source { KEY, MOUSE, REMOTE, LATCH }

    /**
     * The push-to-talk settings.
     *
     * @param initialGap     see {@link RepeatHold}: the wait for the first auto-repeat
     * @param repeatGap      see {@link RepeatHold}: the wait between auto-repeats
     * @param toggleAutoStop the latch's auto-stop, zero for none
     */
    public record Settings(Mode mode, PttKey key, Duration initialGap, Duration repeatGap, Duration toggleAutoStop) {

        public static final Settings DEFAULTS = new Settings(Mode.HOLD, PttKey.DEFAULT,
                RepeatHold.DEFAULT_INITIAL_GAP, RepeatHold.DEFAULT_REPEAT_GAP, Duration.ZERO);

        public Settings {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(initialGap, "initialGap");
            Objects.requireNonNull(repeatGap, "repeatGap");
            Objects.requireNonNull(toggleAutoStop, "toggleAutoStop");
        }

        public Settings withMode(Mode newMode) {
            return new Settings(newMode, key, initialGap, repeatGap, toggleAutoStop);
        }
    }

    /** The UI thread only, like the state below. */
    private Settings settings;
    private final Consumer<Boolean> talkingListener;
    private final Queue<Remote> remote = new ConcurrentLinkedQueue<>();

    // The UI thread only.
    private final RepeatHold keyboard;
    private final Toggle latch;
    private final Set<Long> holders = new HashSet<>();
    private boolean releasesReported;
    /** The keyboard hold began with a kitty event while releases are reported: it ends at the release, not at a gap. */
    private boolean trueHold;
    private boolean mouseHeld;
    private boolean talking;

    public PushToTalk(Settings settings, Consumer<Boolean> talking) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.talkingListener = Objects.requireNonNull(talking, "talking");
        this.keyboard = new RepeatHold(settings.initialGap(), settings.repeatGap());
        this.latch = new Toggle(settings.toggleAutoStop());
    }

    public Settings settings() {
        return settings;
    }

    public boolean talking() {
        return talking;
    }

    /**
     * Switches between hold and toggle at once ({@code /ptt hold|toggle}). What the keyboard or
     * mouse held, and the latch, stop with the old mode; control-socket holds go on.
     */
    public void setMode(Mode mode) {
        Objects.requireNonNull(mode, "mode");
        if (mode == settings.mode()) {
            return;
        }
        settings = settings.withMode(mode);
        keyboard.release();
        trueHold = false;
        mouseHeld = false;
        latch.off();
        publish();
    }

    /** Who holds the talk key now (empty when not talking). */
    public Set<Source> sources() {
        EnumSet<Source> sources = EnumSet.noneOf(Source.class);
        if (settings.mode() == Mode.HOLD && keyboard.held()) {
            sources.add(Source.KEY);
        }
        if (settings.mode() == Mode.HOLD && mouseHeld) {
            sources.add(Source.MOUSE);
        }
        if (!holders.isEmpty()) {
            sources.add(Source.REMOTE);
        }
        if (latch.on()) {
            sources.add(Source.LATCH);
        }
        return sources;
    }

    /**
     * Tells whether the terminal reports key releases: the kitty protocol's
     * {@link KittyKeyboard#REPORT_EVENT_TYPES} flag is on, as the reply to
     * {@link KittyKeyboard#QUERY} says. Seeing any release event teaches the same.
     */
    public void releasesReported(boolean reported) {
        releasesReported = reported;
    }

    /**
     * A key from Lanterna: a {@link KittyKeyStroke} goes to {@link #key(KeyEvent, long)}, any
     * other is a plain press from a terminal without the protocol.
     *
     * @return whether it was the talk key (the UI then does nothing else with it)
     */
    public boolean key(KeyStroke stroke, long now) {
        if (stroke instanceof KittyKeyStroke kitty) {
            return key(kitty.event(), now);
        }
        if (!settings.key().matches(stroke)) {
            return false;
        }
        keyDown(now, false);
        publish();
        return true;
    }

    /**
     * A key event from the kitty protocol.
     *
     * @return whether it was the talk key (the UI then does nothing else with it)
     */
    public boolean key(KeyEvent event, long now) {
        if (event.type() == KeyEvent.Type.RELEASE) {
            releasesReported = true;
        }
        PttKey key = settings.key();
        boolean mine = event.type() == KeyEvent.Type.PRESS ? key.matches(event)
                : key.sameKey(event) && (keyboard.held() || key.matches(event));
        if (!mine) {
            return false;
        }
        switch (event.type()) {
            case PRESS -> keyDown(now, true);
            case REPEAT -> {
                if (settings.mode() == Mode.HOLD) {
                    keyboard.repeat(now);
                }
            }
            case RELEASE -> {
                keyboard.release();
                trueHold = false;
            }
        }
        publish();
        return true;
    }

    private void keyDown(long now, boolean kitty) {
        boolean wasHeld = keyboard.held();
        if (settings.mode() == Mode.TOGGLE && (kitty || !wasHeld)) {
            latch.flip(now); // without the protocol a repeat is a press: only the first one of a hold flips
        }
        keyboard.press(now);
        if (!wasHeld) {
            trueHold = kitty && releasesReported;
        }
    }

    /** A mouse button went down on the talk area. */
    public void mousePressed(long now) {
        if (settings.mode() == Mode.HOLD) {
            mouseHeld = true;
        } else {
            latch.flip(now);
        }
        publish();
    }

    /** The mouse button came up (anywhere: a drag off the talk area must not leave it held). */
    public void mouseReleased(long now) {
        mouseHeld = false;
        publish();
    }

    /** Applies queued control requests and the timeouts; the UI calls it every frame. */
    public void tick(long now) {
        for (Remote request; (request = remote.poll()) != null; ) {
            apply(request, now);
        }
        if (!trueHold) {
            keyboard.tick(now);
        }
        latch.tick(now);
        publish();
    }

    /** Queues a control-socket request for the next {@link #tick}; any thread. */
    @Override
    public CompletionStage<Boolean> request(long connection, PttRequest request) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        remote.add(new Remote(connection, request, answer));
        return answer;
    }

    /** Queues the end of a control connection's hold for the next {@link #tick}; any thread. */
    @Override
    public void closed(long connection) {
        remote.add(new Remote(connection, null, null));
    }

    /** A control-socket request; a null request is a closed connection. */
    private record Remote(long connection, PttRequest request, CompletableFuture<Boolean> answer) {
    }

    private void apply(Remote remote, long now) {
        if (remote.request() == null) {
            holders.remove(remote.connection());
        } else {
            switch (remote.request()) {
                case PRESS -> holders.add(remote.connection());
                case RELEASE -> holders.clear(); // a hotkey daemon's key-up is often another process
                case TOGGLE -> latch.flip(now);
                case STATUS -> { }
            }
        }
        publish();
        if (remote.answer() != null) {
            remote.answer().complete(talking);
        }
    }

    private void publish() {
        boolean now = !sources().isEmpty();
        if (now != talking) {
            talking = now;
            talkingListener.accept(now);
        }
    }
}
