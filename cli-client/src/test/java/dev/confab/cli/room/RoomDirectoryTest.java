package dev.confab.cli.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.protocol.Event;
import dev.confab.protocol.Member;
import dev.confab.protocol.Role;
import dev.confab.protocol.RoomInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomDirectoryTest {

    private static RoomInfo room(long id, Long parent, String name) {
        return new RoomInfo(id, parent, name, false, Role.GUEST, 32000, 0);
    }

    private final RoomDirectory rooms = new RoomDirectory(new Event.Snapshot(
            List.of(room(1, null, "Lobby"), room(2, 1L, "Ops"), room(3, 1L, "2024"), room(4, 2L, "Team A"), room(5, 1L, "Zed")),
            List.of(new Member(10, 1, "me", Role.MEMBER, 1, false, false, false), new Member(11, 2, "ann", Role.MEMBER, 2, false, false, false),
                    new Member(12, 3, "bo", Role.MEMBER, 2, false, false, false)),
            1), 10);

    @Test
    void resolvesIdsAndNamesInAnyCase() throws CliException {
        assertThat(rooms.resolve("2").name()).isEqualTo("Ops");
        assertThat(rooms.resolve("team a").id()).isEqualTo(4);
        assertThat(rooms.resolve("OPS").id()).isEqualTo(2);
        assertThat(rooms.resolve("3").name()).isEqualTo("2024");
        assertThat(rooms.resolve("2024").id()).isEqualTo(3);
        assertThatThrownBy(() -> rooms.resolve("Nowhere")).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exit()).isEqualTo(Exit.NOT_FOUND);
            assertThat(e.code()).isEqualTo("unknown_room");
        });
        assertThatThrownBy(() -> rooms.resolve("99999999999999999999")).isInstanceOf(CliException.class);
    }

    @Test
    void walksTheTreeParentsFirstCountingEveryoneButItself() {
        assertThat(rooms.tree()).extracting(placed -> placed.room().name() + "/" + placed.depth() + "/" + placed.online())
                .containsExactly("Lobby/0/0", "Ops/1/2", "Team A/2/0", "2024/1/0", "Zed/1/0");
    }
}
