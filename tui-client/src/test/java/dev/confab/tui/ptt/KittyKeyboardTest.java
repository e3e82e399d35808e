package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.tui.ptt.KeyEvent.Modifiers;
import dev.confab.tui.ptt.KeyEvent.Type;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sequences from the protocol's spec and from terminals, each read as the spec says. */
class KittyKeyboardTest {

    private static final Modifiers SHIFT = new Modifiers(true, false, false, false);
    private static final Modifiers CTRL = new Modifiers(false, false, true, false);

    private static Optional<KeyEvent> parse(String body) {
        return KittyKeyboard.parse(body);
    }

    private static KeyEvent event(Key key, Modifiers modifiers, Type type) {
        return new KeyEvent(key, modifiers, type);
    }

    @Test
    void enablesAndRestoresWithTheProgressiveEnhancementStack() {
        assertThat(KittyKeyboard.ENABLE).isEqualTo("\u001b[>3u");
        assertThat(KittyKeyboard.RESTORE).isEqualTo("\u001b[<u");
        assertThat(KittyKeyboard.QUERY).isEqualTo("\u001b[?u");
    }

    @Test
    void readsTheEventTypeAfterTheModifiers() {
        assertThat(parse("15;1:3~")).contains(event(NamedKey.F5, Modifiers.NONE, Type.RELEASE));
        assertThat(parse("97;1:2u")).contains(event(Key.of('a'), Modifiers.NONE, Type.REPEAT));
        assertThat(parse("97;5:1u")).contains(event(Key.of('a'), CTRL, Type.PRESS));
        assertThat(parse("97;5u")).contains(event(Key.of('a'), CTRL, Type.PRESS));
        assertThat(parse("97;:3u")).contains(event(Key.of('a'), Modifiers.NONE, Type.RELEASE));
    }

    @Test
    void legacyFormsArePresses() {
        assertThat(parse("15~")).contains(KeyEvent.press(NamedKey.F5));
        assertThat(parse("24~")).contains(KeyEvent.press(NamedKey.F12));
        assertThat(parse("A")).contains(KeyEvent.press(NamedKey.UP));
        assertThat(parse("P")).contains(KeyEvent.press(NamedKey.F1));
        assertThat(parse("2~")).contains(KeyEvent.press(NamedKey.INSERT));
        assertThat(parse("6~")).contains(KeyEvent.press(NamedKey.PAGE_DOWN));
    }

    @Test
    void everyFunctionKeyInItsForms() {
        String[] tilde = {"11", "12", "13", "14", "15", "17", "18", "19", "20", "21", "23", "24"};
        for (int i = 0; i < 12; i++) {
            NamedKey f = NamedKey.values()[i];
            assertThat(parse(tilde[i] + ";2:3~")).as(f.name()).contains(event(f, SHIFT, Type.RELEASE));
        }
        assertThat(parse("1;1:2P")).contains(event(NamedKey.F1, Modifiers.NONE, Type.REPEAT));
        assertThat(parse("1;2Q")).contains(event(NamedKey.F2, SHIFT, Type.PRESS));
        assertThat(parse("1;1:3S")).contains(event(NamedKey.F4, Modifiers.NONE, Type.RELEASE));
        assertThat(parse("1;5:3H")).contains(event(NamedKey.HOME, CTRL, Type.RELEASE));
        assertThat(parse("F")).contains(KeyEvent.press(NamedKey.END));
        assertThat(parse("1;3D")).contains(event(NamedKey.LEFT, new Modifiers(false, true, false, false), Type.PRESS));
    }

    @Test
    void f3WithRIsOnlyTakenWhereItCannotBeACursorPositionReport() {
        assertThat(parse("1;1:3R")).contains(event(NamedKey.F3, Modifiers.NONE, Type.RELEASE));
        assertThat(parse("R")).contains(KeyEvent.press(NamedKey.F3));
        assertThat(parse("1;5R")).isEmpty(); // row 1, column 5
        assertThat(parse("12;40R")).isEmpty();
    }

    @Test
    void namedCodePointsAndAlternatesAndText() {
        assertThat(parse("13u")).contains(KeyEvent.press(NamedKey.ENTER));
        assertThat(parse("9;1:3u")).contains(event(NamedKey.TAB, Modifiers.NONE, Type.RELEASE));
        assertThat(parse("127u")).contains(KeyEvent.press(NamedKey.BACKSPACE));
        assertThat(parse("27u")).contains(KeyEvent.press(NamedKey.ESCAPE));
        assertThat(parse("32;5u")).contains(event(Key.of(' '), CTRL, Type.PRESS));
        assertThat(parse("96;1:3u")).contains(event(Key.of('`'), Modifiers.NONE, Type.RELEASE));
        assertThat(parse("97:65;2u")).contains(event(Key.of('a'), SHIFT, Type.PRESS));
        assertThat(parse("97::97;2;65u")).contains(event(Key.of('a'), SHIFT, Type.PRESS));
        assertThat(parse("128512u")).contains(KeyEvent.press(Key.of(0x1F600)));
    }

    @Test
    void allFourModifiersAndIgnoredLocks() {
        assertThat(parse("97;16u")).contains(event(Key.of('a'), new Modifiers(true, true, true, true), Type.PRESS));
        assertThat(parse("97;65u")).contains(KeyEvent.press(Key.of('a'))); // caps lock only: 1 + 64
        assertThat(parse("97;256u")).contains(event(Key.of('a'), new Modifiers(true, true, true, true), Type.PRESS));
    }

    @Test
    void whatItDoesNotUnderstandIsEmpty() {
        assertThat(parse("")).isEmpty();
        assertThat(parse(null)).isEmpty();
        assertThat(parse("u")).isEmpty();
        assertThat(parse("<0;10;5M")).isEmpty(); // a mouse report
        assertThat(parse("?3u")).isEmpty(); // the flags reply
        assertThat(parse("57376u")).isEmpty(); // F13, private use
        assertThat(parse("57441;2:3u")).isEmpty(); // left shift on its own
        assertThat(parse("1u")).isEmpty(); // a C0 control
        assertThat(parse("55296u")).isEmpty(); // a surrogate
        assertThat(parse("99999999u")).isEmpty();
        assertThat(parse("97;257u")).isEmpty();
        assertThat(parse("97;0u")).isEmpty();
        assertThat(parse("97;1:4u")).isEmpty();
        assertThat(parse("97;1:2:3u")).isEmpty();
        assertThat(parse("97;1;97;1u")).isEmpty();
        assertThat(parse("16~")).isEmpty();
        assertThat(parse("15:1~")).isEmpty();
        assertThat(parse("2A")).isEmpty();
        assertThat(parse("15;1:3x")).isEmpty();
        assertThat(parse("15;1:3~~")).isEmpty();
    }

    @Test
    void readsTheFlagsReply() {
        assertThat(KittyKeyboard.flagsReply("?3u")).hasValue(3);
        assertThat(KittyKeyboard.flagsReply("?0u")).hasValue(0);
        assertThat(KittyKeyboard.flagsReply("?u")).isEmpty();
        assertThat(KittyKeyboard.flagsReply("?3;1u")).isEmpty();
        assertThat(KittyKeyboard.flagsReply("3u")).isEmpty();
    }
}
