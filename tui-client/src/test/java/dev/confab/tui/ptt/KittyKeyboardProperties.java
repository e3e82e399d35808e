package dev.confab.tui.ptt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.tui.ptt.KeyEvent.Modifiers;
import dev.confab.tui.ptt.KeyEvent.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser against an encoder written from the spec: every event it can express comes back
 * unchanged, and no input at all (random, or a real sequence mutated) makes it throw.
 */
class KittyKeyboardProperties {

    private static final Map<NamedKey, String> TILDE = Map.ofEntries(
            Map.entry(NamedKey.F5, "15"), Map.entry(NamedKey.F6, "17"), Map.entry(NamedKey.F7, "18"),
            Map.entry(NamedKey.F8, "19"), Map.entry(NamedKey.F9, "20"), Map.entry(NamedKey.F10, "21"),
            Map.entry(NamedKey.F11, "23"), Map.entry(NamedKey.F12, "24"), Map.entry(NamedKey.F3, "13"),
            Map.entry(NamedKey.INSERT, "2"), Map.entry(NamedKey.DELETE, "3"),
            Map.entry(NamedKey.PAGE_UP, "5"), Map.entry(NamedKey.PAGE_DOWN, "6"));
    private static final Map<NamedKey, String> LETTER = Map.of(
            NamedKey.F1, "P", NamedKey.F2, "Q", NamedKey.F4, "S", NamedKey.UP, "A", NamedKey.DOWN, "B",
            NamedKey.RIGHT, "C", NamedKey.LEFT, "D", NamedKey.HOME, "H", NamedKey.END, "F");
    private static final Map<NamedKey, Integer> CODE = Map.of(
            NamedKey.ENTER, 13, NamedKey.TAB, 9, NamedKey.BACKSPACE, 127, NamedKey.ESCAPE, 27);

    /** How a terminal speaking the protocol encodes {@code event}. */
    static String encode(KeyEvent event) {
        Modifiers m = event.modifiers();
        int bits = (m.shift() ? 1 : 0) | (m.alt() ? 2 : 0) | (m.ctrl() ? 4 : 0) | (m.superKey() ? 8 : 0);
        String mods = (bits + 1) + (event.type() == Type.PRESS ? "" : ":" + (event.type().ordinal() + 1));
        boolean plain = bits == 0 && event.type() == Type.PRESS;
        Key key = event.key();
        if (key instanceof NamedKey named && TILDE.containsKey(named)) {
            return TILDE.get(named) + (plain ? "" : ";" + mods) + "~";
        }
        if (key instanceof NamedKey named && LETTER.containsKey(named)) {
            return (plain ? "" : "1;" + mods) + LETTER.get(named);
        }
        int code = key instanceof NamedKey named ? CODE.get(named) : ((Key.Char) key).codePoint();
        return code + (plain ? "" : ";" + mods) + "u";
    }

    @Provide
    Arbitrary<KeyEvent> events() {
        Arbitrary<Key> chars = Arbitraries.integers().between(' ' + 1, 0x2FFFF)
                .filter(c -> c != 127 && !(c >= 0xD800 && c <= 0xDFFF) && !(c >= 0xE000 && c <= 0xF8FF))
                .map(Key::of);
        Arbitrary<Key> keys = Arbitraries.oneOf(Arbitraries.of(NamedKey.class).map(k -> (Key) k), chars);
        Arbitrary<Modifiers> modifiers = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Modifiers::new);
        return Combinators.combine(keys, modifiers, Arbitraries.of(Type.class)).as(KeyEvent::new);
    }

    @Property(tries = 2000)
    void everyEncodedEventComesBack(@ForAll("events") KeyEvent event) {
        assertThat(KittyKeyboard.parse(encode(event))).contains(event);
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(120);
        Arbitrary<String> csiAlphabet = Arbitraries.strings().withChars("0123456789;:~uABCDFHPQRS<>?").ofMaxLength(30);
        return Arbitraries.oneOf(anything, csiAlphabet);
    }

    @Property(tries = 3000)
    void randomInputNeverThrows(@ForAll("noise") String input) {
        KittyKeyboard.parse(input);
        KittyKeyboard.flagsReply(input);
    }

    record Mutation(int position, int kind, char character) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 2),
                Arbitraries.chars().with("0123456789;:~u\u0000\uffff\ud800-aZ".toCharArray()))
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 3000)
    void mutatedSequencesNeverThrowAndWhatTheyGiveIsAValidEvent(@ForAll("events") KeyEvent event,
                                                                @ForAll("mutations") List<Mutation> mutations) {
        StringBuilder sequence = new StringBuilder(encode(event));
        for (Mutation m : mutations) {
            int at = Math.min(m.position(), sequence.length());
            switch (m.kind()) {
                case 0 -> sequence.insert(at, m.character());
                case 1 -> {
                    if (at < sequence.length()) {
                        sequence.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < sequence.length()) {
                        sequence.setCharAt(at, m.character());
                    }
                }
            }
        }
        KittyKeyboard.parse(sequence).ifPresent(parsed -> assertThat(KittyKeyboard.parse(encode(parsed))).contains(parsed));
    }

    @Property(tries = 1000)
    void theLanternaPatternNeverThrowsOnAnyPrefix(@ForAll("noise") String input) {
        KittyKeyPattern pattern = new KittyKeyPattern();
        List<Character> sequence = new ArrayList<>(List.of('\u001b', '['));
        for (char c : input.toCharArray()) {
            sequence.add(c);
            pattern.match(sequence);
        }
    }
}
