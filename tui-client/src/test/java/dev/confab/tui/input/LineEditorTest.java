package dev.confab.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The input line edits as readline does, keeps a history and a scroll, and no sequence of keys breaks it. */
class LineEditorTest {

    private static LineEditor typed(String text) {
        LineEditor e = new LineEditor();
        e.insert(text);
        return e;
    }

    @Test
    void editsLikeReadline() {
        LineEditor e = typed("hello world");
        e.killWord();
        assertThat(e.text()).isEqualTo("hello ");
        e.insert("there");
        e.home();
        e.delete();
        e.insert("H");
        assertThat(e.text()).isEqualTo("Hello there");
        assertThat(e.cursor()).isEqualTo(1);
        e.end();
        e.left();
        e.left();
        e.killToEnd();
        assertThat(e.text()).isEqualTo("Hello the");
        e.left();
        e.killToStart();
        assertThat(e.text()).isEqualTo("e");
        assertThat(e.cursor()).isZero();
        e.right();
        e.backspace();
        assertThat(e.text()).isEmpty();
        e.insert("a\u0007b\tc\nd\u2028e");
        assertThat(e.text()).as("control characters and line breaks are not typed").isEqualTo("abcde");
    }

    @Test
    void killWordTakesTheSpacesBeforeTheCursorToo() {
        LineEditor e = typed("say hello   ");
        e.killWord();
        assertThat(e.text()).isEqualTo("say ");
        e.killWord();
        assertThat(e.text()).isEmpty();
        e.killWord();
        assertThat(e.text()).isEmpty();
        e = typed("one two three");
        for (int i = 0; i < 6; i++) {
            e.left();
        }
        e.killWord();
        assertThat(e.text()).as("only before the cursor").isEqualTo("one  three");
        assertThat(e.cursor()).isEqualTo(4);
    }

    @Test
    void surrogatePairsMoveAndDeleteWhole() {
        LineEditor e = typed("a😀b");
        e.left();
        e.left();
        assertThat(e.cursor()).isEqualTo(1);
        e.right();
        assertThat(e.cursor()).isEqualTo(3);
        e.left();
        e.delete();
        assertThat(e.text()).isEqualTo("ab");
        e.end();
        e.insert("😀");
        e.backspace();
        assertThat(e.text()).isEqualTo("ab");
        e.insert("\uD83D");
        e.insert("\uDE00");
        assertThat(e.text()).as("a pair typed in halves").isEqualTo("ab😀");
        assertThat(e.cursor()).isEqualTo(4);
    }

    @Test
    void historyKeepsTheDraftAndSkipsBlanksAndRepeats() {
        LineEditor e = typed("first");
        assertThat(e.enter()).isEqualTo("first");
        assertThat(e.text()).isEmpty();
        e.insert("second");
        e.enter();
        e.insert("second");
        e.enter();
        e.insert("   ");
        assertThat(e.enter()).isEqualTo("   ");
        e.insert("draft");
        e.up();
        assertThat(e.text()).isEqualTo("second");
        e.up();
        assertThat(e.text()).isEqualTo("first");
        e.up();
        assertThat(e.text()).as("the oldest stays").isEqualTo("first");
        e.down();
        e.down();
        assertThat(e.text()).isEqualTo("draft");
        assertThat(e.cursor()).isEqualTo(5);
        e.down();
        assertThat(e.text()).isEqualTo("draft");
    }

    @Test
    void historyKeepsTheLast500() {
        LineEditor e = new LineEditor();
        for (int i = 0; i < 600; i++) {
            e.insert("line " + i);
            e.enter();
        }
        for (int i = 0; i < 700; i++) {
            e.up();
        }
        assertThat(e.text()).isEqualTo("line 100");
    }

    @Test
    void theViewScrollsOnlyWhenTheCursorWouldLeaveIt() {
        LineEditor e = typed("0123456789abcdef");
        assertThat(e.scrollFor(10)).as("cursor at the end, in the last column").isEqualTo(7);
        e.left();
        e.left();
        assertThat(e.scrollFor(10)).as("moving inside the view keeps it").isEqualTo(7);
        e.home();
        assertThat(e.scrollFor(10)).isZero();
        e.right();
        assertThat(e.scrollFor(10)).isZero();
        e.end();
        e.scrollFor(10);
        e.killToStart();
        assertThat(e.scrollFor(10)).as("all of a short line shows").isZero();
        assertThat(typed("a😀😀😀😀").scrollFor(4)).as("never half a pair").isEqualTo(7);
    }

    @Property(tries = 500)
    void noSequenceOfKeysBreaksItAndTheCursorStaysInView(@ForAll("keys") List<String> keys,
                                                         @ForAll @IntRange(min = -1, max = 12) int width) {
        LineEditor e = new LineEditor();
        for (String key : keys) {
            switch (key) {
                case "<bs>" -> e.backspace();
                case "<del>" -> e.delete();
                case "<left>" -> e.left();
                case "<right>" -> e.right();
                case "<home>" -> e.home();
                case "<end>" -> e.end();
                case "<k>" -> e.killToEnd();
                case "<u>" -> e.killToStart();
                case "<w>" -> e.killWord();
                case "<up>" -> e.up();
                case "<down>" -> e.down();
                case "<enter>" -> e.enter();
                case "<replace>" -> e.replace(e.text() + "x😀", e.cursor() + 2);
                default -> e.insert(key);
            }
            String text = e.text();
            assertThat(e.cursor()).isBetween(0, text.length());
            assertThat(insidePair(text, e.cursor())).as("cursor inside a pair").isFalse();
            int scroll = e.scrollFor(width);
            assertThat(e.cursor() - scroll).isBetween(0, Math.max(1, width) - 1);
            assertThat(insidePair(text, scroll)).as("scroll inside a pair").isFalse();
        }
    }

    @Property(tries = 300)
    void upThenDownReturnsTheDraft(@ForAll @Size(max = 8) List<String> history, @ForAll("text") String draft,
                                   @ForAll @IntRange(max = 12) int steps) {
        LineEditor e = new LineEditor();
        history.forEach(line -> {
            e.insert(line);
            e.enter();
        });
        e.insert(draft);
        String shown = e.text();
        for (int i = 0; i < steps; i++) {
            e.up();
        }
        for (int i = 0; i < steps; i++) {
            e.down();
        }
        assertThat(e.text()).isEqualTo(shown);
    }

    private static boolean insidePair(String text, int index) {
        return index > 0 && index < text.length() && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10), Arbitraries.of("😀x", "\uD83D", "\uDE00"));
    }

    @Provide
    Arbitrary<List<String>> keys() {
        return Arbitraries.oneOf(
                Arbitraries.of("<bs>", "<del>", "<left>", "<right>", "<home>", "<end>", "<k>", "<u>", "<w>", "<up>",
                        "<down>", "<enter>", "<replace>", " ", "😀", "\uD83D", "\uDE00", "\n"),
                text()).list().ofMaxSize(60);
    }
}
