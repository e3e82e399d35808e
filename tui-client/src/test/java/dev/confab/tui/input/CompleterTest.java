package dev.confab.tui.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.app.ClientState;
import dev.confab.client.app.Conversation;
import dev.confab.protocol.Member;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tab completes commands, rooms and people, and cycles. */
class CompleterTest {

    private static final ClientState STATE = new ClientState(ClientState.Phase.ONLINE, "h:1", null, null,
            List.of(new RoomInfo(1, null, "Lobby", false, Role.GUEST, 0, 0),
                    new RoomInfo(2, 1L, "Lounge", false, Role.GUEST, 0, 0)),
            List.of(new Member(1, 1, "bob", Role.MEMBER, 1, false, false, false),
                    new Member(2, 2, "Bea", Role.MEMBER, 1, false, false, false)),
            Map.of(), Conversation.room(1), null, 1);

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
    void completesCommandsRoomsAndPeople() {
        assertThat(tab("/jo", 1)).isEqualTo("/join ");
        assertThat(tab("/join Lo", 1)).isEqualTo("/join Lobby ");
        assertThat(tab("/join Lo", 2)).as("Tab again cycles").isEqualTo("/join Lounge ");
        assertThat(tab("/join Lo", 3)).isEqualTo("/join Lobby ");
        assertThat(tab("b", 1)).as("a name starting the line").isEqualTo("Bea: ");
        assertThat(tab("b", 2)).isEqualTo("bob: ");
        assertThat(tab("/msg bo", 1)).isEqualTo("/msg bob ");
        assertThat(tab("/zz", 1)).isEqualTo("/zz");
    }
}
