package dev.confab.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The header codec round-trips, and validate agrees with the written-out rules
 * ({@link VoicePacketModel}) on any input, never throwing: random bytes, random ranges (offsets
 * and lengths outside the array included), and valid packets with random damage.
 */
class VoicePacketProperties {

    @Property(tries = 2000)
    void everyHeaderRoundTrips(@ForAll int session, @ForAll long sequence, @ForAll int timestamp,
            @ForAll @IntRange(max = 255) int flags, @ForAll long party, @ForAll @IntRange(max = 40) int offset) {
        byte[] packet = new byte[offset + 25 + 3];
        Arrays.fill(packet, (byte) 0xa5);

        int header = VoicePacket.writeHeader(packet, offset, session, sequence, timestamp, flags, party);

        assertThat(header).isEqualTo(VoicePacketModel.headerBytes(flags));
        assertThat(VoicePacket.session(packet, offset)).isEqualTo(session);
        assertThat(VoicePacket.sequence(packet, offset)).isEqualTo(sequence);
        assertThat(VoicePacket.timestamp(packet, offset)).isEqualTo(timestamp);
        assertThat(VoicePacket.flags(packet, offset)).isEqualTo(flags);
        if (header == 25) {
            assertThat(VoicePacket.party(packet, offset)).isEqualTo(party);
        }
        for (int i = 0; i < packet.length; i++) {
            if (i < offset || i >= offset + header) {
                assertThat(packet[i]).as("byte %d is outside the header", i).isEqualTo((byte) 0xa5);
            }
        }
    }

    @Property(tries = 2000)
    void validHeadersValidateToTheirLength(@ForAll("validPackets") Packet packet) {
        assertThat(VoicePacket.validate(packet.bytes, packet.offset, packet.length))
                .isEqualTo(VoicePacketModel.headerBytes(packet.flags));
    }

    @Property(tries = 3000)
    void randomBytesAndRangesNeverThrowAndMatchTheRules(@ForAll @Size(max = 1400) byte[] bytes,
            @ForAll("offsets") int offset, @ForAll("lengths") int length) {
        assertThat(VoicePacket.validate(bytes, offset, length))
                .isEqualTo(VoicePacketModel.validate(bytes, offset, length));
    }

    /** Random bytes rarely have a valid flags byte; this makes the checks past the flags matter. */
    @Property(tries = 3000)
    void randomPacketsWithAPlausibleHeaderMatchTheRules(@ForAll @Size(min = 33, max = 1330) byte[] bytes,
            @ForAll("plausibleFlags") int flags, @ForAll("lengths") int length) {
        bytes[16] = (byte) flags;
        int inRange = Math.floorMod(length, bytes.length + 1);
        assertThat(VoicePacket.validate(bytes, 0, inRange)).isEqualTo(VoicePacketModel.validate(bytes, 0, inRange));
        assertThat(VoicePacket.validate(bytes, 0, length)).isEqualTo(VoicePacketModel.validate(bytes, 0, length));
    }

    @Property(tries = 5000)
    void mutatedValidPacketsNeverThrowAndMatchTheRules(@ForAll("validPackets") Packet packet,
            @ForAll("edits") List<Integer> edits, @ForAll @IntRange(min = -40, max = 40) int lengthChange,
            @ForAll @IntRange(min = -3, max = 3) int offsetChange) {
        byte[] bytes = packet.bytes.clone();
        for (int i = 0; i + 1 < edits.size(); i += 2) {
            // Mostly inside the header, where the rules look.
            int at = packet.offset + Math.floorMod(edits.get(i), edits.get(i) % 3 == 0 ? bytes.length : 26);
            if (at < bytes.length) {
                bytes[at] = (byte) (int) edits.get(i + 1);
            }
        }
        int offset = packet.offset + offsetChange;
        int length = packet.length + lengthChange;

        assertThat(VoicePacket.validate(bytes, offset, length)).isEqualTo(VoicePacketModel.validate(bytes, offset, length));
    }

    record Packet(byte[] bytes, int offset, int length, int flags) {}

    @Provide
    Arbitrary<Packet> validPackets() {
        Arbitrary<Integer> sessions = Arbitraries.integers().filter(s -> s != 0);
        Arbitrary<Long> sequences = Arbitraries.oneOf(Arbitraries.longs().between(1, 1000),
                Arbitraries.longs().filter(s -> s != 0), Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L));
        return Combinators.combine(Arbitraries.of(VoicePacketModel.VALID_FLAGS), sessions, sequences,
                Arbitraries.integers(), Arbitraries.longs(), Arbitraries.integers().between(0, 1275),
                Arbitraries.integers().between(0, 16), Arbitraries.integers().between(0, 16))
                .as((flags, session, sequence, timestamp, party, payload, offset, slack) -> {
                    int header = VoicePacketModel.headerBytes(flags);
                    int length = header + payload + 16;
                    byte[] bytes = new byte[offset + length + slack];
                    VoicePacket.writeHeader(bytes, offset, session, sequence, timestamp, flags, party);
                    for (int i = offset + header; i < bytes.length; i++) {
                        bytes[i] = (byte) (i * 31 + 7);
                    }
                    return new Packet(bytes, offset, length, flags);
                });
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 40)),
                Tuple.of(2, Arbitraries.integers().between(-40, -1)),
                Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 1400, 1401)),
                Tuple.of(1, Arbitraries.integers()));
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 1400)),
                Tuple.of(2, Arbitraries.of(32, 33, 40, 41, 1290, 1291, 1299, 1300, 1315, 1316, 1317)),
                Tuple.of(1, Arbitraries.integers().between(-40, -1)),
                Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE)),
                Tuple.of(1, Arbitraries.integers()));
    }

    @Provide
    Arbitrary<Integer> plausibleFlags() {
        return Arbitraries.oneOf(Arbitraries.of(VoicePacketModel.VALID_FLAGS), Arbitraries.integers().between(0, 63),
                Arbitraries.integers().between(0, 255));
    }

    @Provide
    Arbitrary<List<Integer>> edits() {
        return Arbitraries.integers().list().ofMaxSize(8);
    }
}
