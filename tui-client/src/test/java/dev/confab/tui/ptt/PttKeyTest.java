package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.tui.ptt.KeyEvent.Modifiers;
import dev.confab.tui.ptt.KeyEvent.Type;
import org.junit.jupiter.api.Test;

class PttKeyTest {

    private static final Modifiers CTRL = new Modifiers(false, false, true, false);

    @Test
    void readsTheDocumentedForms() {
        assertThat(PttKey.parse("F5")).isEqualTo(new PttKey(NamedKey.F5, Modifiers.NONE));
        assertThat(PttKey.parse(" f12 ")).isEqualTo(new PttKey(NamedKey.F12, Modifiers.NONE));
        assertThat(PttKey.parse("ctrl+space")).isEqualTo(new PttKey(Key.of(' '), CTRL));
        assertThat(PttKey.parse("`")).isEqualTo(new PttKey(Key.of('`'), Modifiers.NONE));
        assertThat(PttKey.parse("Alt+Shift+T")).isEqualTo(new PttKey(Key.of('t'), new Modifiers(true, true, false, false)));
        assertThat(PttKey.parse("super+pageup")).isEqualTo(new PttKey(NamedKey.PAGE_UP, new Modifiers(false, false, false, true)));
        assertThat(PttKey.parse("ctrl++")).isEqualTo(new PttKey(Key.of('+'), CTRL));
        assertThat(PttKey.parse("+")).isEqualTo(new PttKey(Key.of('+'), Modifiers.NONE));
        assertThat(PttKey.parse("§")).isEqualTo(new PttKey(Key.of('§'), Modifiers.NONE));
        assertThat(PttKey.parse("esc")).isEqualTo(new PttKey(NamedKey.ESCAPE, Modifiers.NONE));
    }

    @Test
    void printsTheFormItReads() {
        for (String setting : new String[] {"F5", "F12", "ctrl+space", "`", "ctrl+alt+shift+super+pageup", "ctrl++", "alt+t", "enter"}) {
            assertThat(PttKey.parse(setting)).hasToString(setting);
            assertThat(PttKey.parse(PttKey.parse(setting).toString())).isEqualTo(PttKey.parse(setting));
        }
    }

    @Test
    void theDefaultIsF5() {
        assertThat(PttKey.DEFAULT).isEqualTo(PttKey.parse("F5"));
    }

    @Test
    void refusesWithAMessageThatSaysWhatWouldDo() {
        assertThatThrownBy(() -> PttKey.parse("hyper+F5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown modifier 'hyper'").hasMessageContaining("F5, F12, space");
        assertThatThrownBy(() -> PttKey.parse("F13")).hasMessageContaining("unknown key 'F13'");
        assertThatThrownBy(() -> PttKey.parse("")).hasMessageContaining("no key");
        assertThatThrownBy(() -> PttKey.parse(null)).hasMessageContaining("no key");
        assertThatThrownBy(() -> PttKey.parse("ctrl+")).hasMessageContaining("unknown key");
        assertThatThrownBy(() -> PttKey.parse("\t")).hasMessageContaining("no key");
    }

    @Test
    void aPressMustHaveTheModifiersButRepeatsAndReleasesOnlyTheKey() {
        PttKey key = PttKey.parse("ctrl+space");
        assertThat(key.matches(new KeyEvent(Key.of(' '), CTRL, Type.PRESS))).isTrue();
        assertThat(key.matches(KeyEvent.press(Key.of(' ')))).isFalse();
        assertThat(key.sameKey(new KeyEvent(Key.of(' '), Modifiers.NONE, Type.RELEASE))).isTrue();
        assertThat(key.sameKey(KeyEvent.press(Key.of('x')))).isFalse();
    }

    @Test
    void matchesWhatLanternaDecodesFromALegacyTerminal() throws Exception {
        assertThat(PttKey.DEFAULT.matches(LanternaInput.one("\u001b[15~"))).isTrue();
        assertThat(PttKey.DEFAULT.matches(LanternaInput.one("\u001b[15;5~"))).isFalse(); // ctrl+F5
        assertThat(PttKey.DEFAULT.matches(LanternaInput.one("\u001b[17~"))).isFalse();
        assertThat(PttKey.parse("F1").matches(LanternaInput.one("\u001bOP"))).isTrue();
        assertThat(PttKey.parse("ctrl+space").matches(LanternaInput.one("\u0000"))).isTrue();
        assertThat(PttKey.parse("`").matches(LanternaInput.one("`"))).isTrue();
        assertThat(PttKey.parse("alt+t").matches(LanternaInput.one("\u001bt"))).isTrue();
        assertThat(PttKey.parse("ctrl+t").matches(LanternaInput.one("\u0014"))).isTrue();
        assertThat(PttKey.parse("shift+t").matches(LanternaInput.one("T"))).isTrue();
        assertThat(PttKey.parse("t").matches(LanternaInput.one("T"))).isFalse();
        assertThat(PttKey.parse("super+t").matches(LanternaInput.one("t"))).isFalse();
        assertThat(PttKey.parse("shift+`").matches(LanternaInput.one("~"))).isFalse();
        assertThat(PttKey.DEFAULT.matches((com.googlecode.lanterna.input.KeyStroke) null)).isFalse();
    }
}
