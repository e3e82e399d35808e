package dev.confab.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The input line edits as readline does, and no sequence of keys breaks it. */
class LineEditorTest {

    @Test
    void editsLikeReadline() {
        LineEditor e = new LineEditor();
        e.insert("hello world");
        e.killWord();
        assertThat(e.text()).isEqualTo("hello ");
        e.insert("there");
        e.home();
        e.delete();
        e.insert("H");
        assertThat(e.text()).isEqualTo("Hello there");
        e.end();
        e.left();
        e.left();
        e.killToEnd();
        assertThat(e.text()).isEqualTo("Hello the");
        e.killToStart();
        assertThat(e.text()).isEmpty();
        e.insert("a\u0007b\tc");
        assertThat(e.text()).as("control characters are not typed").isEqualTo("abc");
    }

    @Test
    void historyKeepsTheDraft() {
        LineEditor e = new LineEditor();
        e.insert("first");
        assertThat(e.enter()).isEqualTo("first");
        e.insert("second");
        e.enter();
        e.insert("second");
        e.enter(); // no repeat in a row
        e.insert("   ");
        e.enter(); // blank lines are not kept
        e.insert("draft");
        e.up();
        assertThat(e.text()).isEqualTo("second");
        e.up();
        assertThat(e.text()).isEqualTo("first");
        e.up();
        assertThat(e.text()).isEqualTo("first");
        e.down();
        e.down();
        assertThat(e.text()).isEqualTo("draft");
        assertThat(e.cursor()).isEqualTo(5);
    }

    @Test
    void surrogatePairsMoveAndDeleteWhole() {
        LineEditor e = new LineEditor();
        e.insert("a😀b");
        e.left();
        e.left();
        assertThat(e.cursor()).isEqualTo(1);
        e.delete();
        assertThat(e.text()).isEqualTo("ab");
        e.end();
        e.insert("😀");
        e.backspace();
        assertThat(e.text()).isEqualTo("ab");
    }

    @Property(tries = 500)
    void noSequenceOfKeysBreaksIt(@ForAll("keys") List<String> keys) {
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
            assertThat(e.cursor()).isBetween(0, e.text().length());
            if (e.cursor() > 0 && e.cursor() < e.text().length()) {
                assertThat(Character.isLowSurrogate(e.text().charAt(e.cursor()))).isFalse();
            }
            assertThat(e.scrollFor(10)).isBetween(0, Math.max(0, e.cursor()));
        }
    }

    @Provide
    Arbitrary<List<String>> keys() {
        return Arbitraries.oneOf(
                Arbitraries.of("<bs>", "<del>", "<left>", "<right>", "<home>", "<end>", "<k>", "<u>", "<w>", "<up>",
                        "<down>", "<enter>", "<replace>", " ", "😀"),
                Arbitraries.strings().ofMaxLength(3)).list().ofMaxSize(60);
    }
}
