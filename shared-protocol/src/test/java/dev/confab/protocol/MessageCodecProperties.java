package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, decoding answers with a message or a failure and never throws; rooms
 * round-trip in every message that carries them, and read the same from peers that predate a field.
 */
class MessageCodecProperties {

    @Property(tries = 500)
    void everyRoomRoundTripsInEveryMessageThatCarriesIt(@ForAll("rooms") RoomInfo room, @ForAll("rooms") RoomInfo other) {
        for (Message message : List.of(new Event.RoomAdded(room), new Event.RoomChanged(room),
                new Reply.RoomCreated(7, room), new Event.Snapshot(List.of(room, other), List.of(), 1))) {
            assertThat(MessageCodec.decode(MessageCodec.encode(message))).isEqualTo(new DecodeResult.Decoded(message));
        }
    }

    /** A server older than echo rooms sends rooms without the field: they are ordinary rooms. */
    @Property(tries = 500)
    void aRoomWithoutTheEchoFieldReadsAsNoEchoRoom(@ForAll("rooms") RoomInfo room) throws Exception {
        ObjectNode line = (ObjectNode) MessageCodec.mapper().readTree(MessageCodec.encode(new Event.RoomAdded(room)));
        ((ObjectNode) line.get("room")).remove("echo");

        RoomInfo plain = new RoomInfo(room.id(), room.parent(), room.name(), room.hasPassword(), room.minRole(),
                room.bitrate(), room.maxUsers());
        assertThat(MessageCodec.decode(MessageCodec.mapper().writeValueAsBytes(line)))
                .isEqualTo(new DecodeResult.Decoded(new Event.RoomAdded(plain)));
    }

    @Property(tries = 500)
    void everyCreateRoomRoundTripsAndReadsAsNoEchoRoomWithoutTheField(@ForAll("createRooms") Request.CreateRoom request)
            throws Exception {
        assertThat(MessageCodec.decode(MessageCodec.encode(request))).isEqualTo(new DecodeResult.Decoded(request));

        ObjectNode line = (ObjectNode) MessageCodec.mapper().readTree(MessageCodec.encode(request));
        line.remove("echo");
        assertThat(MessageCodec.decode(MessageCodec.mapper().writeValueAsBytes(line))).isEqualTo(new DecodeResult.Decoded(
                new Request.CreateRoom(request.id(), request.name(), request.parent(), request.password(),
                        request.minRole(), request.bitrate(), request.maxUsers())));
    }

    /** Members and accounts round-trip with or without a display name (absent on the wire when null). */
    @Property(tries = 500)
    void membersAndAccountsRoundTripWithTheirDisplayNames(@ForAll("members") Member member,
                                                          @ForAll("displayNames") String display) {
        Account account = new Account(member.user(), member.name(), member.role(), display);
        for (Message message : List.of(new Event.MemberChanged(member), new Event.MemberJoined(member),
                new Event.Snapshot(List.of(), List.of(member), 1), new Reply.LoggedIn(3, member.session(), account, "r", 60),
                new Request.SetDisplayName(9, display))) {
            assertThat(MessageCodec.decode(MessageCodec.encode(message))).isEqualTo(new DecodeResult.Decoded(message));
        }
        assertThat(new String(MessageCodec.encode(new Event.MemberChanged(member)), StandardCharsets.UTF_8))
                .as("shownName() is for clients, not the wire").doesNotContain("shownName");
        if (member.display() == null) {
            assertThat(new String(MessageCodec.encode(new Event.MemberChanged(member)), StandardCharsets.UTF_8))
                    .doesNotContain("display");
        }
    }

    @Provide
    Arbitrary<Member> members() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.strings().ofMaxLength(32),
                Arbitraries.of(Role.class), Arbitraries.longs(), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Member::new)
                .flatMap(m -> displayNames().map(d -> new Member(m.session(), m.user(), m.name(), m.role(), m.room(),
                        m.muted(), m.deafened(), m.serverMuted(), d)));
    }

    @Provide
    Arbitrary<String> displayNames() {
        return Arbitraries.strings().ofMaxLength(40).injectNull(0.3);
    }

    @Provide
    Arbitrary<RoomInfo> rooms() {
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(1),
                Arbitraries.longs().greaterOrEqual(1).injectNull(0.2), Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of(true, false), Arbitraries.of(Role.class), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.of(true, false)).as(RoomInfo::new);
    }

    @Provide
    Arbitrary<Request.CreateRoom> createRooms() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.strings().ofMaxLength(40),
                Arbitraries.longs().injectNull(0.5), Arbitraries.strings().ofMaxLength(20).injectNull(0.5),
                Arbitraries.of(Role.class).injectNull(0.5), Arbitraries.integers().injectNull(0.5),
                Arbitraries.integers().injectNull(0.5), Arbitraries.of(true, false)).as(Request.CreateRoom::new);
    }

    @Property(tries = 2000)
    void randomBytesNeverEscape(@ForAll @Size(max = 300) byte[] bytes) {
        assertAnswered(MessageCodec.decode(bytes));
    }

    @Property(tries = 3000)
    void mutatedValidLinesNeverEscape(@ForAll("mutatedLines") byte[] line) {
        assertAnswered(MessageCodec.decode(line));
    }

    @Property(tries = 1000)
    void jsonShapedNoiseNeverEscapes(@ForAll("jsonNoise") String line) {
        assertAnswered(MessageCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertAnswered(DecodeResult result) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.failure().code()).isNotNull();
            assertThat(rejected.failure().message()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedLines() throws Exception {
        java.util.List<byte[]> valid = new java.util.ArrayList<>();
        for (Class<?> type : MessageCodec.concreteMessageTypes()) {
            valid.add(MessageCodec.encode((Message) MessageCodecTest.sample(type)));
        }
        return Arbitraries.of(valid).flatMap(line -> Arbitraries.integers().between(1, 8).flatMap(edits ->
                Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(edits * 2).map(randoms -> {
                    byte[] copy = line.clone();
                    for (int i = 0; i < randoms.size(); i += 2) {
                        copy[randoms.get(i) % copy.length] = (byte) (int) randoms.get(i + 1);
                    }
                    return copy;
                })));
    }

    @Provide
    Arbitrary<String> jsonNoise() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"type\"", "\"id\"", "\"say\"",
                "\"login\"", "\"room\"", "\"text\"", "null", "true", "-1", "1e999", "9223372036854775808", "\"\\u0000\"",
                "\"\\ud800\"", "0.5", "\"ban\"", "\"seconds\"");
        return tokens.list().ofMaxSize(40).map(list -> String.join("", list));
    }
}
