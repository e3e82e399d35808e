package dev.confab.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Seal and open: round trips for every payload size and both directions, the documented nonce
 * (checked against the JDK's cipher used directly), and that no changed bit, wrong key or
 * garbage opens, and that none of it throws.
 */
class VoiceCipherProperties {

    /** One instance per thread, as documented; jqwik runs a property's tries on one thread. */
    private final VoiceCipher opener = new VoiceCipher();

    @Property(tries = 1500)
    void sealedPacketsOpenToTheirPayload(@ForAll("sealedPackets") Sealed sealed) {
        int header = VoicePacket.validate(sealed.packet, sealed.offset, sealed.length);
        assertThat(header).isEqualTo(VoicePacketModel.headerBytes(sealed.flags));
        assertThat(sealed.length).isEqualTo(header + sealed.payload.length + VoicePacket.TAG_BYTES);

        byte[] out = new byte[VoicePacket.MAX_PAYLOAD_BYTES + 3];
        int opened = opener.open(sealed.key, sealed.packet, sealed.offset, sealed.length, header, out, 3);

        assertThat(opened).isEqualTo(sealed.payload.length);
        assertThat(Arrays.copyOfRange(out, 3, 3 + opened)).isEqualTo(sealed.payload);
    }

    /** The nonce is the direction word (0 up, 1 down) and the header's sequence; the AAD is the header. */
    @Property(tries = 500)
    void theSealIsChaCha20Poly1305WithTheDocumentedNonceAndAad(@ForAll("sealedPackets") Sealed sealed)
            throws Exception {
        int header = VoicePacketModel.headerBytes(sealed.flags);
        byte[] nonce = new byte[12];
        nonce[3] = (byte) ((sealed.flags & VoicePacketModel.DOWNLINK) != 0 ? 1 : 0);
        System.arraycopy(sealed.packet, sealed.offset + 4, nonce, 4, 8);
        Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sealed.key.getEncoded(), "ChaCha20"), new IvParameterSpec(nonce));
        jdk.updateAAD(sealed.packet, sealed.offset, header);

        byte[] expected = jdk.doFinal(sealed.payload);

        assertThat(Arrays.copyOfRange(sealed.packet, sealed.offset + header, sealed.offset + sealed.length))
                .isEqualTo(expected);
    }

    @Property(tries = 2000)
    void anySingleFlippedBitMakesOpenFail(@ForAll("sealedPackets") Sealed sealed, @ForAll @IntRange(min = 0) int where) {
        int bit = where % (sealed.length * 8);
        byte[] packet = sealed.packet.clone();
        packet[sealed.offset + bit / 8] ^= (byte) (1 << bit % 8);
        int header = VoicePacketModel.headerBytes(sealed.flags);
        byte[] out = new byte[VoicePacket.MAX_PACKET_BYTES];

        // As a receiver that trusted the header length it expected...
        assertThat(opener.open(sealed.key, packet, sealed.offset, sealed.length, header, out, 0)).isEqualTo(-1);
        // ...and as one that asked validate, when the flip left a valid packet.
        int validated = VoicePacket.validate(packet, sealed.offset, sealed.length);
        if (validated > 0) {
            assertThat(opener.open(sealed.key, packet, sealed.offset, sealed.length, validated, out, 0)).isEqualTo(-1);
        }
    }

    @Property(tries = 1000)
    void aWrongKeyNeverOpens(@ForAll("sealedPackets") Sealed sealed, @ForAll @Size(32) byte[] other) {
        if (Arrays.equals(other, sealed.key.getEncoded())) {
            other[0] ^= 1;
        }
        int header = VoicePacketModel.headerBytes(sealed.flags);

        assertThat(opener.open(VoiceCipher.key(other), sealed.packet, sealed.offset, sealed.length, header,
                new byte[VoicePacket.MAX_PACKET_BYTES], 0)).isEqualTo(-1);
    }

    /**
     * An uplink packet presented as a downlink one (FLAG_DOWNLINK set, a party field inserted, the
     * ciphertext and tag unchanged) never opens, and neither does the reverse.
     */
    @Property(tries = 1000)
    void aPacketNeverOpensInTheOtherDirection(@ForAll("sealedPackets") Sealed sealed, @ForAll long party) {
        int flags = sealed.flags ^ VoicePacketModel.DOWNLINK;
        int oldHeader = VoicePacketModel.headerBytes(sealed.flags);
        int newHeader = VoicePacketModel.headerBytes(flags);
        int body = sealed.length - oldHeader;
        byte[] packet = new byte[newHeader + body];
        VoicePacket.writeHeader(packet, 0, VoicePacket.session(sealed.packet, sealed.offset),
                VoicePacket.sequence(sealed.packet, sealed.offset), VoicePacket.timestamp(sealed.packet, sealed.offset),
                flags, party);
        System.arraycopy(sealed.packet, sealed.offset + oldHeader, packet, newHeader, body);

        assertThat(VoicePacket.validate(packet, 0, packet.length)).isEqualTo(newHeader);
        assertThat(opener.open(sealed.key, packet, 0, packet.length, newHeader,
                new byte[VoicePacket.MAX_PACKET_BYTES], 0)).isEqualTo(-1);
    }

    /**
     * Whatever passes validate, open answers a length or -1 and never throws, also when the same
     * garbage (the same key and nonce) is opened twice in a row on one instance.
     */
    @Property(tries = 2000)
    void openingGarbageThatValidatesNeverThrows(@ForAll @Size(min = 33, max = 1316) byte[] bytes,
            @ForAll("validFlags") int flags, @ForAll @Size(32) byte[] key) {
        bytes[16] = (byte) flags;
        bytes[0] |= 1;
        bytes[11] |= 1;
        int header = VoicePacket.validate(bytes, 0, bytes.length);
        if (header < 0) {
            return; // too short or too long for these flags
        }
        byte[] out = new byte[VoicePacket.MAX_PAYLOAD_BYTES];
        SecretKey secret = VoiceCipher.key(key);

        assertThat(opener.open(secret, bytes, 0, bytes.length, header, out, 0)).isEqualTo(-1);
        assertThat(opener.open(secret, bytes, 0, bytes.length, header, out, 0)).isEqualTo(-1);
    }

    record Sealed(SecretKey key, byte[] packet, int offset, int length, int flags, byte[] payload) {}

    @Provide
    Arbitrary<Integer> validFlags() {
        return Arbitraries.of(VoicePacketModel.VALID_FLAGS);
    }

    /**
     * Valid packets of every allowed flags byte (both directions), payloads of 0 to 1,275 bytes
     * (the sizes at the ends often), at an offset, under a random key. Each is sealed on a fresh
     * instance: jqwik may well produce the same key and sequence twice in a row (edge cases,
     * shrinking), which one instance would rightly refuse as a reuse.
     */
    @Provide
    Arbitrary<Sealed> sealedPackets() {
        Arbitrary<byte[]> payloads = Arbitraries.integers().between(0, VoicePacket.MAX_PAYLOAD_BYTES)
                .edgeCases(c -> c.includeOnly(0, 1, VoicePacket.MAX_PAYLOAD_BYTES))
                .flatMap(size -> Arbitraries.bytes().array(byte[].class).ofSize(size));
        Arbitrary<Long> sequences = Arbitraries.oneOf(Arbitraries.longs().between(1, 100),
                Arbitraries.longs().filter(s -> s != 0), Arbitraries.of(Long.MAX_VALUE, -1L, Long.MIN_VALUE));
        return Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(32), validFlags(),
                Arbitraries.integers().filter(s -> s != 0), sequences, Arbitraries.longs(), payloads,
                Arbitraries.integers().between(0, 9))
                .as((key, flags, session, sequence, party, payload, offset) -> {
                    SecretKey secret = VoiceCipher.key(key);
                    byte[] packet = new byte[offset + VoicePacket.MAX_PACKET_BYTES + 4];
                    int header = VoicePacket.writeHeader(packet, offset, session, sequence, 48_000, flags, party);
                    int length = new VoiceCipher().seal(secret, packet, offset, header, payload, 0, payload.length);
                    return new Sealed(secret, packet, offset, length, flags, payload);
                });
    }
}
