package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.confab.client.control.PttRequest;
import dev.confab.tui.ptt.KeyEvent.Modifiers;
import dev.confab.tui.ptt.KeyEvent.Type;
import dev.confab.tui.ptt.PushToTalk.Mode;
import dev.confab.tui.ptt.PushToTalk.Settings;
import dev.confab.tui.ptt.PushToTalk.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every source and mode with a fake clock (milliseconds); {@code changes} is what the backend would be sent. */
class PushToTalkTest {

    private final List<Boolean> changes = new ArrayList<>();

    private PushToTalk ptt(Mode mode) {
        return ptt(new Settings(mode, PttKey.DEFAULT, RepeatHold.DEFAULT_INITIAL_GAP, RepeatHold.DEFAULT_REPEAT_GAP, Duration.ZERO));
    }

    private PushToTalk ptt(Settings settings) {
        return new PushToTalk(settings, changes::add);
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    private static final KeyStroke F5 = new KeyStroke(KeyType.F5);

    private static KeyEvent f5(Type type) {
        return new KeyEvent(NamedKey.F5, Modifiers.NONE, type);
    }

    @Test
    void holdByAutoRepeatInALegacyTerminal() {
        PushToTalk ptt = ptt(Mode.HOLD);
        assertThat(ptt.key(F5, ms(0))).isTrue();
        assertThat(ptt.talking()).isTrue();
        for (long t = 500; t <= 1500; t += 33) {
            ptt.tick(ms(t));
            ptt.key(F5, ms(t));
        }
        ptt.tick(ms(1600));
        assertThat(ptt.talking()).isTrue();
        ptt.tick(ms(1700));
        assertThat(ptt.talking()).isFalse();
        assertThat(changes).containsExactly(true, false); // only changes, not every repeat
    }

    @Test
    void switchingModesTakesEffectAtOnceAndStopsWhatTheOldModeHeld() {
        PushToTalk ptt = ptt(Mode.HOLD);
        ptt.key(F5, ms(0));
        assertThat(ptt.talking()).isTrue();
        ptt.setMode(Mode.TOGGLE);
        assertThat(ptt.settings().mode()).isEqualTo(Mode.TOGGLE);
        assertThat(ptt.talking()).isFalse();

        ptt.key(F5, ms(5000));
        ptt.tick(ms(9000));
        assertThat(ptt.talking()).as("a press latches in toggle mode").isTrue();
        ptt.setMode(Mode.HOLD);
        assertThat(ptt.talking()).as("the latch does not survive the switch").isFalse();
        assertThat(changes).containsExactly(true, false, true, false);
    }

    @Test
    void otherKeysAreLeftToTheUi() {
        PushToTalk ptt = ptt(Mode.HOLD);
        assertThat(ptt.key(new KeyStroke('a', false, false), ms(0))).isFalse();
        assertThat(ptt.key(new KeyStroke(KeyType.F5, true, false), ms(0))).isFalse(); // ctrl+F5
        assertThat(ptt.key(KeyEvent.press(NamedKey.F6), ms(0))).isFalse();
        assertThat(changes).isEmpty();
    }

    @Test
    void trueHoldWithTheKittyProtocolIgnoresGapsOnceReleasesAreKnown() {
        PushToTalk ptt = ptt(Mode.HOLD);
        ptt.releasesReported(true);
        assertThat(ptt.key(f5(Type.PRESS), ms(0))).isTrue();
        ptt.tick(ms(5000)); // auto-repeat off, or a very slow one: still held
        assertThat(ptt.talking()).isTrue();
        assertThat(ptt.key(f5(Type.RELEASE), ms(5001))).isTrue();
        assertThat(ptt.talking()).isFalse();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void theFirstReleaseSeenTeachesThatReleasesCome() {
        PushToTalk ptt = ptt(Mode.HOLD);
        ptt.key(f5(Type.PRESS), ms(0));
        ptt.key(f5(Type.REPEAT), ms(500));
        ptt.key(f5(Type.RELEASE), ms(510)); // not yet known: the first hold still had gaps
        assertThat(ptt.talking()).isFalse();
        assertThat(ptt.key(KeyEvent.press(Key.of('x')), ms(600))).isFalse();
        ptt.key(f5(Type.PRESS), ms(1000));
        ptt.tick(ms(3000));
        assertThat(ptt.talking()).isTrue();
    }

    @Test
    void aModifierLetGoBeforeTheKeyStillEndsTheHold() {
        PushToTalk ptt = ptt(new Settings(Mode.HOLD, PttKey.parse("ctrl+space"), RepeatHold.DEFAULT_INITIAL_GAP,
                RepeatHold.DEFAULT_REPEAT_GAP, Duration.ZERO));
        ptt.releasesReported(true);
        Modifiers ctrl = new Modifiers(false, false, true, false);
        assertThat(ptt.key(new KeyEvent(Key.of(' '), ctrl, Type.PRESS), ms(0))).isTrue();
        assertThat(ptt.key(new KeyEvent(Key.of(' '), Modifiers.NONE, Type.REPEAT), ms(600))).isTrue();
        assertThat(ptt.key(new KeyEvent(Key.of(' '), Modifiers.NONE, Type.RELEASE), ms(700))).isTrue();
        assertThat(ptt.talking()).isFalse();
        assertThat(ptt.key(KeyEvent.press(Key.of(' ')), ms(800))).isFalse(); // a plain space is typing
    }

    @Test
    void kittyStrokesFromLanternaGoTheSameWay() {
        PushToTalk ptt = ptt(Mode.HOLD);
        ptt.releasesReported(true);
        assertThat(ptt.key(KittyKeyStroke.of(f5(Type.PRESS)), ms(0))).isTrue();
        assertThat(ptt.key(KittyKeyStroke.of(f5(Type.RELEASE)), ms(10))).isTrue();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void toggleFlipsOnPressesNotOnRepeats() {
        PushToTalk ptt = ptt(Mode.TOGGLE);
        ptt.key(f5(Type.PRESS), ms(0));
        ptt.key(f5(Type.REPEAT), ms(500));
        ptt.key(f5(Type.RELEASE), ms(600));
        ptt.tick(ms(5000));
        assertThat(ptt.talking()).isTrue();
        ptt.key(f5(Type.PRESS), ms(6000));
        assertThat(ptt.talking()).isFalse();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void toggleInALegacyTerminalFlipsOnlyOnTheFirstPressOfAHold() {
        PushToTalk ptt = ptt(Mode.TOGGLE);
        ptt.key(F5, ms(0));
        for (long t = 500; t <= 1500; t += 33) { // held a second: repeats come as presses
            ptt.tick(ms(t));
            ptt.key(F5, ms(t));
        }
        ptt.tick(ms(3000));
        assertThat(ptt.talking()).isTrue();
        ptt.key(F5, ms(4000));
        assertThat(ptt.talking()).isFalse();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void toggleAutoStops() {
        PushToTalk ptt = ptt(new Settings(Mode.TOGGLE, PttKey.DEFAULT, RepeatHold.DEFAULT_INITIAL_GAP,
                RepeatHold.DEFAULT_REPEAT_GAP, Duration.ofSeconds(60)));
        ptt.key(F5, ms(0));
        ptt.tick(ms(59_999));
        assertThat(ptt.talking()).isTrue();
        ptt.tick(ms(60_000));
        assertThat(ptt.talking()).isFalse();
    }

    @Test
    void mouseHoldsInHoldModeAndFlipsInToggleMode() {
        PushToTalk hold = ptt(Mode.HOLD);
        hold.mousePressed(ms(0));
        hold.tick(ms(10_000));
        assertThat(hold.sources()).containsExactly(Source.MOUSE);
        hold.mouseReleased(ms(10_001));
        assertThat(hold.talking()).isFalse();

        PushToTalk toggle = ptt(Mode.TOGGLE);
        toggle.mousePressed(ms(0));
        toggle.mouseReleased(ms(100));
        assertThat(toggle.sources()).containsExactly(Source.LATCH);
        toggle.mousePressed(ms(200));
        assertThat(toggle.talking()).isFalse();
    }

    @Test
    void remoteRequestsWaitForTheNextTick() throws Exception {
        PushToTalk ptt = ptt(Mode.HOLD);
        CompletableFuture<Boolean> press = ptt.request(1, PttRequest.PRESS).toCompletableFuture();
        assertThat(press).isNotDone();
        assertThat(ptt.talking()).isFalse();
        ptt.tick(ms(0));
        assertThat(press).isCompletedWithValue(true);
        assertThat(ptt.sources()).containsExactly(Source.REMOTE);
        ptt.tick(ms(60_000)); // no gap applies to a remote hold
        CompletionStage<Boolean> release = ptt.request(2, PttRequest.RELEASE); // key-up from another process
        ptt.tick(ms(60_001));
        assertThat(release.toCompletableFuture()).isCompletedWithValue(false);
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void aVanishedClientsHoldEnds() {
        PushToTalk ptt = ptt(Mode.HOLD);
        ptt.request(7, PttRequest.PRESS);
        ptt.tick(ms(0));
        ptt.closed(7);
        ptt.tick(ms(1));
        assertThat(ptt.talking()).isFalse();
    }

    @Test
    void remoteToggleAndStatus() {
        PushToTalk ptt = ptt(Mode.HOLD);
        CompletionStage<Boolean> toggle = ptt.request(1, PttRequest.TOGGLE);
        CompletionStage<Boolean> status = ptt.request(1, PttRequest.STATUS);
        ptt.tick(ms(0));
        assertThat(toggle.toCompletableFuture()).isCompletedWithValue(true);
        assertThat(status.toCompletableFuture()).isCompletedWithValue(true);
        assertThat(ptt.sources()).containsExactly(Source.LATCH);
    }

    @Test
    void keyboardAndRemoteHoldsOverlap_talkingStopsWhenBothAreReleased() {
        PushToTalk ptt = ptt(Mode.HOLD);
        ptt.releasesReported(true);
        ptt.key(f5(Type.PRESS), ms(0));
        ptt.request(1, PttRequest.PRESS);
        ptt.tick(ms(10));
        ptt.key(f5(Type.RELEASE), ms(20));
        assertThat(ptt.talking()).isTrue();
        assertThat(ptt.sources()).containsExactly(Source.REMOTE);
        ptt.request(1, PttRequest.RELEASE);
        ptt.tick(ms(30));
        assertThat(ptt.talking()).isFalse();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void repeatHoldMouseAndLatchOverlap() {
        PushToTalk ptt = ptt(Mode.HOLD);
        ptt.key(F5, ms(0));
        ptt.mousePressed(ms(100));
        ptt.request(1, PttRequest.TOGGLE);
        ptt.tick(ms(200));
        assertThat(ptt.sources()).containsExactlyInAnyOrder(Source.KEY, Source.MOUSE, Source.LATCH);
        ptt.tick(ms(800)); // the key's repeats never came
        ptt.mouseReleased(ms(900));
        assertThat(ptt.sources()).containsExactly(Source.LATCH);
        ptt.request(1, PttRequest.TOGGLE);
        ptt.tick(ms(1000));
        assertThat(ptt.talking()).isFalse();
        assertThat(changes).containsExactly(true, false);
    }

    @Test
    void requestsFromAnotherThreadAreAnsweredByTheUiThreadsTicks() throws Exception {
        List<String> talkingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        PushToTalk watched = new PushToTalk(Settings.DEFAULTS, t -> talkingThreads.add(Thread.currentThread().getName()));
        CompletableFuture<List<Boolean>> remote = CompletableFuture.supplyAsync(() -> {
            List<Boolean> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                PttRequest request = i % 2 == 0 ? PttRequest.PRESS : PttRequest.RELEASE;
                answers.add(watched.request(1, request).toCompletableFuture().join());
            }
            return answers;
        });
        long now = 0;
        while (!remote.isDone()) {
            watched.tick(now++); // the UI's frames
        }
        List<Boolean> answers = remote.get(5, TimeUnit.SECONDS);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i)).as("answer %d", i).isEqualTo(i % 2 == 0);
        }
        assertThat(talkingThreads).hasSize(200).containsOnly(Thread.currentThread().getName());
        assertThat(watched.talking()).isFalse();
    }
}
