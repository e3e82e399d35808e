package dev.confab.voice.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.voice.control.SessionSpec;
import org.junit.jupiter.api.Test;

class DirectoryTest {

    private static RelaySession session(int id, long chat, long room) {
        return new RelaySession(new SessionSpec(id, new byte[32], chat, "u" + chat, room, 24_000, false, false, false),
                null, 0);
    }

    @Test
    void findsSessionsByIdChatSessionAndRoom() {
        RelaySession a = session(1, 10, 1);
        RelaySession b = session(2, 20, 1);
        RelaySession c = session(-3, 30, 2);
        Directory directory = Directory.EMPTY.with(a).with(b).with(c);

        assertThat(directory.session(1)).isSameAs(a);
        assertThat(directory.session(-3)).isSameAs(c);
        assertThat(directory.session(4)).isNull();
        assertThat(directory.byChatSession(20)).isSameAs(b);
        assertThat(directory.room(1)).containsExactly(a, b);
        assertThat(directory.room(2)).containsExactly(c);
        assertThat(directory.room(3)).isEmpty();
        assertThat(directory.size()).isEqualTo(3);
        assertThat(Directory.EMPTY.size()).isZero();
    }

    @Test
    void removingLeavesTheOriginalAsItWas() {
        RelaySession a = session(1, 10, 1);
        RelaySession b = session(2, 20, 1);
        Directory both = Directory.EMPTY.with(a).with(b);
        Directory one = both.without(a);

        assertThat(one.session(1)).isNull();
        assertThat(one.byChatSession(10)).isNull();
        assertThat(one.room(1)).containsExactly(b);
        assertThat(both.room(1)).containsExactly(a, b);
        assertThat(one.without(b).room(1)).isEmpty();
        // Only that very session: a replaced one with the same id is not removed by its old object.
        assertThat(one.without(a)).isSameAs(one);
    }

    @Test
    void aChatSessionWithTwoVoiceSessionsKeepsTheOtherForWhispers() {
        RelaySession old = session(1, 10, 1);
        RelaySession moved = session(2, 10, 2);
        Directory directory = Directory.EMPTY.with(old).with(moved);
        assertThat(directory.byChatSession(10)).isSameAs(moved);
        assertThat(directory.without(moved).byChatSession(10)).isSameAs(old);
        assertThat(directory.without(old).byChatSession(10)).isSameAs(moved);
    }

    @Test
    void reopeningWithTheSameKeyCarriesTheStateOver() {
        SessionSpec spec = new SessionSpec(1, new byte[32], 10, "u", 1, 24_000, false, false, false);
        RelaySession first = new RelaySession(spec, null, 0);
        first.uplink.accept(5);
        first.nextDownlinkSequence();
        RelaySession again = new RelaySession(spec, first, 0);
        assertThat(again.uplink).isSameAs(first.uplink);
        assertThat(again.nextDownlinkSequence()).isEqualTo(2);

        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        RelaySession rekeyed = new RelaySession(
                new SessionSpec(1, otherKey, 10, "u", 1, 24_000, false, false, false), first, 0);
        assertThat(rekeyed.uplink.highest()).isZero();
        assertThat(rekeyed.nextDownlinkSequence()).isEqualTo(1);
    }
}
