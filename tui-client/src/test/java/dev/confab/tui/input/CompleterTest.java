package dev.confab.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.app.ClientState;
import dev.confab.client.app.Conversation;
import dev.confab.protocol.Member;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Tab completes what the command table says each argument is, and cycles. */
class CompleterTest {

    private static final ClientState STATE = new ClientState(ClientState.Phase.ONLINE, "h:1", null, null,
            List.of(room(1, "Lobby"), room(2, "Lounge"), room(3, "Team Room"), room(4, "Team Rocket")),
            List.of(member(1, "bob"), member(2, "Bea"), member(3, "alice"), member(4, "bob")),
            Map.of(), Conversation.room(1), List.of(), null, 1);

    private static RoomInfo room(long id, String name) {
        return new RoomInfo(id, null, name, false, Role.GUEST, 0, 0);
    }

    private static Member member(long session, String name) {
        return new Member(session, session, name, Role.MEMBER, 1, false, false, false);
    }

    /** The line after typing {@code typed} (cursor at its end) and pressing Tab {@code tabs} times. */
    private static String tab(String typed, int tabs) {
        LineEditor e = new LineEditor();
        e.insert(typed);
        Completer c = new Completer();
        for (int i = 0; i < tabs; i++) {
            c.complete(e, STATE);
        }
        return e.text();
    }

    @Test
    void commandNames() {
        assertThat(tab("/jo", 1)).isEqualTo("/join ");
        assertThat(tab("/D", 1)).as("any case, sorted").isEqualTo("/deafen ");
        assertThat(tab("/D", 2)).isEqualTo("/delete ");
        assertThat(tab("/D", 3)).isEqualTo("/devices ");
        assertThat(tab("/D", 4)).isEqualTo("/disconnect ");
        assertThat(tab("/D", 5)).isEqualTo("/dump ");
        assertThat(tab("/D", 6)).as("round and round").isEqualTo("/deafen ");
        assertThat(tab("/zz", 1)).isEqualTo("/zz");
        assertThat(tab("/help de", 1)).as("/help takes a command").isEqualTo("/help deafen ");
    }

    @Test
    void roomsAreTheRestOfTheLineWithSpaces() {
        assertThat(tab("/join Lo", 1)).isEqualTo("/join Lobby");
        assertThat(tab("/join lo", 2)).isEqualTo("/join Lounge");
        assertThat(tab("/join Lo", 3)).isEqualTo("/join Lobby");
        assertThat(tab("/join Team R", 1)).as("a prefix with a space").isEqualTo("/join Team Rocket");
        assertThat(tab("/join Team R", 2)).isEqualTo("/join Team Room");
        assertThat(tab("/delete t", 1)).isEqualTo("/delete Team Rocket");
        assertThat(tab("/rename Team Roo", 1)).as("then the arrow").isEqualTo("/rename Team Room -> ");
        assertThat(tab("/rename Team Room -> Lo", 1)).as("the new name is new").isEqualTo("/rename Team Room -> Lo");
        assertThat(tab("/create Lob", 1)).as("a parent, then its child").isEqualTo("/create Lobby/");
        assertThat(tab("/create Lobby/Lou", 1)).isEqualTo("/create Lobby/Lounge/");
    }

    @Test
    void peopleInArgumentsAndText() {
        assertThat(tab("b", 1)).as("a name starting the line").isEqualTo("Bea: ");
        assertThat(tab("b", 2)).as("one bob for two sessions").isEqualTo("bob: ");
        assertThat(tab("b", 3)).isEqualTo("Bea: ");
        assertThat(tab("thanks a", 1)).as("later in the line").isEqualTo("thanks alice ");
        assertThat(tab("", 1)).isEqualTo("alice: ");
        assertThat(tab("/msg bo", 1)).isEqualTo("/msg bob ");
        assertThat(tab("/msg bob hi A", 1)).as("the text").isEqualTo("/msg bob hi alice ");
        assertThat(tab("/me hugs A", 1)).isEqualTo("/me hugs alice ");
        assertThat(tab("/kick bob for a", 1)).isEqualTo("/kick bob for alice ");
        assertThat(tab("/vol A", 1)).isEqualTo("/vol alice ");
        assertThat(tab("/vol alice 1", 1)).as("a number").isEqualTo("/vol alice 1");
        assertThat(tab("/frob a", 1)).as("an unknown command").isEqualTo("/frob a");
        assertThat(tab("//a", 1)).isEqualTo("//a");
    }

    @Test
    void fixedWords() {
        assertThat(tab("/ptt ", 1)).isEqualTo("/ptt continuous ");
        assertThat(tab("/ptt t", 1)).isEqualTo("/ptt toggle ");
        assertThat(tab("/mute o", 2)).isEqualTo("/mute on ");
        assertThat(tab("/echo of", 1)).isEqualTo("/echo off ");
    }

    @Test
    void completesAtTheCursorAndKeepsWhatFollows() {
        LineEditor e = new LineEditor();
        e.insert("hi a, see you");
        for (int i = 0; i < ", see you".length(); i++) {
            e.left();
        }
        Completer c = new Completer();
        assertThat(c.complete(e, STATE)).isTrue();
        assertThat(e.text()).isEqualTo("hi alice , see you");
        assertThat(e.cursor()).isEqualTo("hi alice ".length());
    }

    @Test
    void anotherKeyEndsTheCycle() {
        LineEditor e = new LineEditor();
        Completer c = new Completer();
        e.insert("b");
        c.complete(e, STATE);
        assertThat(e.text()).isEqualTo("Bea: ");
        c.reset();
        c.complete(e, STATE);
        assertThat(e.text()).as("after reset: a new word, and nobody's name is empty").isEqualTo("Bea: alice ");

        e.enter();
        e.insert("b");
        c.complete(e, STATE);
        e.insert("x b");
        c.complete(e, STATE);
        assertThat(e.text()).as("a line changed without reset starts afresh").isEqualTo("Bea: x Bea ");
        assertThat(c.complete(new LineEditor(), ClientState.INITIAL)).as("nothing to complete").isFalse();
    }

    @Property(tries = 1000)
    void anyLineAndCursorCompleteWithoutThrowing(@ForAll("lines") String line, @ForAll("tabs") int tabs) {
        LineEditor e = new LineEditor();
        e.insert(line);
        for (int i = 0; i < line.length() / 2; i++) {
            e.left();
        }
        Completer c = new Completer();
        for (int i = 0; i < tabs; i++) {
            c.complete(e, STATE);
        }
        assertThat(e.cursor()).isBetween(0, e.text().length());
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> start = Arbitraries.oneOf(
                Arbitraries.of(SlashCommands.COMMANDS).map(s -> "/" + s.name() + " "), Arbitraries.of("", "/", "//"));
        Arbitrary<String> words = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                Arbitraries.of("Lo", "Team R", "->", "/", "b", " ", "😀")).list().ofMaxSize(4)
                .map(w -> String.join(" ", w));
        return Combinators.combine(start, words).as(String::concat);
    }

    @Provide
    Arbitrary<Integer> tabs() {
        return Arbitraries.integers().between(1, 4);
    }
}
