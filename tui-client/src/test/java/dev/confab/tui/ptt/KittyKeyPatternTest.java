package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import com.googlecode.lanterna.input.ScreenInfoAction;
import dev.confab.tui.ptt.KeyEvent.Modifiers;
import dev.confab.tui.ptt.KeyEvent.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pattern inside Lanterna's real input decoder, next to Lanterna's own patterns. */
class KittyKeyPatternTest {

    @Test
    void withoutItLanternaSplitsKittySequencesIntoLooseCharacters() throws Exception {
        assertThat(LanternaInput.decode("\u001b[15;1:3~", false)).hasSizeGreaterThan(1);
    }

    @Test
    void kittySequencesBecomeKittyKeyStrokes() throws Exception {
        List<KeyStroke> strokes = LanternaInput.decode("\u001b[15;1:3~\u001b[97;5:2u\u001b[1;1:3P", true);
        assertThat(strokes).hasSize(3).allMatch(KittyKeyStroke.class::isInstance);
        assertThat(((KittyKeyStroke) strokes.get(0)).event()).isEqualTo(new KeyEvent(NamedKey.F5, Modifiers.NONE, Type.RELEASE));
        assertThat(((KittyKeyStroke) strokes.get(0)).isPressOrRepeat()).isFalse();
        KittyKeyStroke ctrlA = (KittyKeyStroke) strokes.get(1);
        assertThat(ctrlA.getKeyType()).isEqualTo(KeyType.Character);
        assertThat(ctrlA.getCharacter()).isEqualTo('a');
        assertThat(ctrlA.isCtrlDown()).isTrue();
        assertThat(ctrlA.isPressOrRepeat()).isTrue();
        assertThat(strokes.get(2).getKeyType()).isEqualTo(KeyType.F1);
    }

    @Test
    void legacyKeysStillReadAsThemselves() throws Exception {
        List<KeyStroke> strokes = LanternaInput.decode("\u001b[15~x\u001b[A", true);
        assertThat(strokes).extracting(KeyStroke::getKeyType).containsExactly(KeyType.F5, KeyType.Character, KeyType.ArrowUp);
        assertThat(PttKey.DEFAULT.matches(strokes.get(0))).isTrue();
    }

    @Test
    void mouseAndCursorReportsAreLeftToLanterna() throws Exception {
        // Lanterna 3.1 reads the X10 form: ESC [ M, then button, column and row as characters; button 3 is the release.
        assertThat(LanternaInput.decode("\u001b[M !!\u001b[M#!!", true)).extracting(k -> ((MouseAction) k).getActionType())
                .containsExactly(MouseActionType.CLICK_DOWN, MouseActionType.CLICK_RELEASE);
        assertThat(LanternaInput.decode("\u001b[5;12R", true)).singleElement().isInstanceOf(ScreenInfoAction.class);
    }

    @Test
    void theFlagsReplySaysWhetherReleasesCome() throws Exception {
        KeyStroke reply = LanternaInput.decode("\u001b[?3u", true).get(0);
        assertThat(reply).isInstanceOf(KittyKeyPattern.FlagsReply.class);
        assertThat(((KittyKeyPattern.FlagsReply) reply).reportsReleases()).isTrue();
        assertThat(((KittyKeyPattern.FlagsReply) LanternaInput.decode("\u001b[?1u", true).get(0)).reportsReleases()).isFalse();
    }

    @Test
    void aCharacterBeyondTheBmpIsUnknownToLanterna() {
        KittyKeyStroke emoji = KittyKeyStroke.of(KeyEvent.press(Key.of(0x1F600)));
        assertThat(emoji.getKeyType()).isEqualTo(KeyType.Unknown);
        assertThat(emoji.event().key()).isEqualTo(Key.of(0x1F600));
    }
}
