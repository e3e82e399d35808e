package dev.confab.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VoicePacketTest {

    static List<Integer> validFlags() {
        return VoicePacketModel.VALID_FLAGS;
    }

    @Test
    void theLayoutAllowsFourteenFlagCombinations() {
        assertThat(VoicePacketModel.VALID_FLAGS).containsExactly(
                0x00, 0x01, 0x02, 0x04, 0x08, 0x0c, 0x11, 0x20, 0x21, 0x22, 0x24, 0x28, 0x2c, 0x31);
    }

    @Test
    void theConstantsMatchTheDocumentedLayout() {
        assertThat(VoicePacket.SESSION_OFFSET).isZero();
        assertThat(VoicePacket.SEQUENCE_OFFSET).isEqualTo(4);
        assertThat(VoicePacket.TIMESTAMP_OFFSET).isEqualTo(12);
        assertThat(VoicePacket.FLAGS_OFFSET).isEqualTo(16);
        assertThat(VoicePacket.PARTY_OFFSET).isEqualTo(17);
        assertThat(VoicePacket.BASE_HEADER_BYTES).isEqualTo(17);
        assertThat(VoicePacket.PARTY_BYTES).isEqualTo(8);
        assertThat(VoicePacket.TAG_BYTES).isEqualTo(16);
        assertThat(VoicePacket.MAX_PAYLOAD_BYTES).isEqualTo(1275);
        assertThat(VoicePacket.MIN_PACKET_BYTES).isEqualTo(33);
        assertThat(VoicePacket.MAX_PACKET_BYTES).isEqualTo(1316);
        assertThat(new int[] {VoicePacket.KIND_AUDIO, VoicePacket.KIND_PING, VoicePacket.KIND_PONG,
                VoicePacket.FLAG_WHISPER, VoicePacket.FLAG_ECHO, VoicePacket.FLAG_PROBE, VoicePacket.FLAG_DOWNLINK})
                .containsExactly(0, 1, 2, 0x04, 0x08, 0x10, 0x20);
    }

    @ParameterizedTest(name = "flags {0}")
    @MethodSource("validFlags")
    void everyAllowedHeaderRoundTripsAndValidates(int flags) {
        for (int offset : new int[] {0, 3}) {
            for (int payload : new int[] {0, 1, 8, VoicePacket.MAX_PAYLOAD_BYTES}) {
                byte[] packet = new byte[offset + VoicePacket.MAX_PACKET_BYTES + 5];
                Arrays.fill(packet, (byte) 0x5a);
                int header = VoicePacket.writeHeader(packet, offset, 0xfedcba98, 0x0102030405060708L, -7, flags,
                        0x1112131415161718L);
                int length = header + payload + VoicePacket.TAG_BYTES;

                assertThat(header).isEqualTo(VoicePacketModel.headerBytes(flags))
                        .isEqualTo(VoicePacket.headerBytes(flags));
                assertThat(VoicePacket.hasParty(flags)).isEqualTo(header == 25);
                assertThat(VoicePacket.session(packet, offset)).isEqualTo(0xfedcba98);
                assertThat(VoicePacket.sequence(packet, offset)).isEqualTo(0x0102030405060708L);
                assertThat(VoicePacket.timestamp(packet, offset)).isEqualTo(-7);
                assertThat(VoicePacket.flags(packet, offset)).isEqualTo(flags);
                if (header == 25) {
                    assertThat(VoicePacket.party(packet, offset)).isEqualTo(0x1112131415161718L);
                } else {
                    assertThat(packet[offset + 17]).as("no party written").isEqualTo((byte) 0x5a);
                }
                if (offset > 0) {
                    assertThat(packet[offset - 1]).as("nothing written before the offset").isEqualTo((byte) 0x5a);
                }
                assertThat(VoicePacket.validate(packet, offset, length)).isEqualTo(header);
                assertThat(VoicePacket.payloadBytes(length, header)).isEqualTo(payload);
            }
        }
    }

    @Test
    void theHeaderIsBigEndianOnTheWire() {
        byte[] packet = new byte[25];
        VoicePacket.writeHeader(packet, 0, 0x0a0b0c0d, 0x0102030405060708L, 960, 0x24, 42);

        assertThat(hex(packet)).isEqualTo("0a0b0c0d" + "0102030405060708" + "000003c0" + "24" + "000000000000002a");
    }

    @Test
    void validateAcceptsExactlyTheAllowedFlagBytes() {
        for (int flags = 0; flags < 256; flags++) {
            byte[] packet = new byte[100];
            VoicePacket.writeHeader(packet, 0, 1, 1, 0, flags, 9);
            int expected = VoicePacketModel.flagsAllowed(flags) ? VoicePacketModel.headerBytes(flags) : -1;

            assertThat(VoicePacket.validate(packet, 0, 100)).as("flags 0x%02x", flags).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "flags {0}")
    @MethodSource("validFlags")
    void validateChecksTheLengthAgainstTheFlags(int flags) {
        int header = VoicePacketModel.headerBytes(flags);
        byte[] packet = new byte[2000];
        VoicePacket.writeHeader(packet, 0, 1, 1, 0, flags, 9);

        assertThat(VoicePacket.validate(packet, 0, header + 15)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, 0, header + 16)).isEqualTo(header);
        assertThat(VoicePacket.validate(packet, 0, header + 16 + 1275)).isEqualTo(header);
        assertThat(VoicePacket.validate(packet, 0, header + 16 + 1276)).as("a payload over an Opus frame")
                .isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, 0, VoicePacket.MAX_PACKET_BYTES + 1)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, 0, 0)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, 0, -1)).isEqualTo(-1);
    }

    @Test
    void aZeroSessionOrSequenceIsRefusedButAnyOtherValueIsNot() {
        byte[] packet = new byte[40];
        VoicePacket.writeHeader(packet, 0, 0, 1, 0, 0, 0);
        assertThat(VoicePacket.validate(packet, 0, 40)).isEqualTo(-1);
        VoicePacket.writeHeader(packet, 0, 1, 0, 0, 0, 0);
        assertThat(VoicePacket.validate(packet, 0, 40)).isEqualTo(-1);
        // Sessions are unsigned 32-bit; sequences beyond Long.MAX_VALUE are valid packets that
        // no replay window will ever call fresh.
        VoicePacket.writeHeader(packet, 0, -1, -1L, 0, 0, 0);
        assertThat(VoicePacket.validate(packet, 0, 40)).isEqualTo(17);
        VoicePacket.writeHeader(packet, 0, Integer.MIN_VALUE, Long.MIN_VALUE, 0, 0, 0);
        assertThat(VoicePacket.validate(packet, 0, 40)).isEqualTo(17);
    }

    @Test
    void aRangeOutsideTheArrayIsNotAPacketRatherThanAnException() {
        byte[] packet = new byte[60];
        VoicePacket.writeHeader(packet, 10, 1, 1, 0, 0, 0);

        assertThat(VoicePacket.validate(packet, 10, 50)).isEqualTo(17);
        assertThat(VoicePacket.validate(packet, 10, 51)).as("one byte past the end").isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, 30, 40)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, -1, 40)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, Integer.MAX_VALUE, 40)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, Integer.MIN_VALUE, 40)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, 10, Integer.MAX_VALUE)).isEqualTo(-1);
        assertThat(VoicePacket.validate(packet, 10, Integer.MIN_VALUE)).isEqualTo(-1);
        assertThat(VoicePacket.validate(new byte[0], 0, 40)).isEqualTo(-1);
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b & 0xff));
        }
        return text.toString();
    }
}
