package dev.confab.protocol.voice;

import static dev.confab.protocol.voice.VoicePacketTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class VoiceCipherTest {
    /** The worked example's key: bytes 0x00 to 0x1f. */
    static final byte[] EXAMPLE_KEY = exampleKey();
    static final byte[] HELLO_OPUS = "hello opus".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey key = VoiceCipher.key(EXAMPLE_KEY);

    /**
     * docs/PROTOCOL.md §9.9, uplink: session 0x0a0b0c0d, sequence 1, timestamp 960, audio, no
     * party, payload "hello opus". The expected bytes were computed independently (Python's
     * cryptography package, ChaCha20Poly1305 with nonce 00000000 0000000000000001 and the header
     * as associated data), so this pins the layout and the nonce scheme, not just this code.
     */
    @Test
    void knownAnswerUplinkAudio() {
        byte[] packet = new byte[VoicePacket.MAX_PACKET_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, 0x0a0b0c0d, 1, 960, VoicePacket.KIND_AUDIO, 0);
        int length = new VoiceCipher().seal(key, packet, 0, header, HELLO_OPUS, 0, HELLO_OPUS.length);

        assertThat(header).isEqualTo(17);
        assertThat(length).isEqualTo(43);
        assertThat(hex(Arrays.copyOfRange(packet, 0, 17))).isEqualTo("0a0b0c0d0000000000000001000003c000");
        assertThat(hex(Arrays.copyOfRange(packet, 17, 27))).isEqualTo("013910b55e2ad70a5802");
        assertThat(hex(Arrays.copyOfRange(packet, 27, 43))).isEqualTo("a8c3f12826b372a5272578d30eacc94a");
        assertOpensTo(packet, length, HELLO_OPUS);
    }

    /**
     * docs/PROTOCOL.md §9.9, downlink: the same key, session, sequence, timestamp and payload,
     * FLAG_DOWNLINK and party 42 (the speaker's chat session). Direction word 1 in the nonce.
     */
    @Test
    void knownAnswerDownlinkAudio() {
        byte[] packet = new byte[VoicePacket.MAX_PACKET_BYTES];
        int header = VoicePacket.writeHeader(packet, 0, 0x0a0b0c0d, 1, 960,
                VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_AUDIO, 42);
        int length = new VoiceCipher().seal(key, packet, 0, header, HELLO_OPUS, 0, HELLO_OPUS.length);

        assertThat(header).isEqualTo(25);
        assertThat(length).isEqualTo(51);
        assertThat(hex(Arrays.copyOfRange(packet, 0, 25)))
                .isEqualTo("0a0b0c0d0000000000000001000003c020000000000000002a");
        assertThat(hex(Arrays.copyOfRange(packet, 25, 35))).isEqualTo("896f896390f418744cbc");
        assertThat(hex(Arrays.copyOfRange(packet, 35, 51))).isEqualTo("d0fe3e25213fe9b5ec4af3907994e6df");
        assertOpensTo(packet, length, HELLO_OPUS);
    }

    @Test
    void sealingTheSameSequenceTwiceInARowThrows() {
        VoiceCipher cipher = new VoiceCipher();
        byte[] packet = new byte[100];
        int header = VoicePacket.writeHeader(packet, 0, 7, 5, 0, VoicePacket.KIND_AUDIO, 0);
        cipher.seal(key, packet, 0, header, HELLO_OPUS, 0, HELLO_OPUS.length);

        assertThatThrownBy(() -> cipher.seal(key, packet, 0, header, HELLO_OPUS, 0, HELLO_OPUS.length))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reused");
    }

    /**
     * Verified on JDK 17: the JDK compares a ChaCha20 init only with the previous init of the same
     * Cipher object. So reuse is caught only when one VoiceCipher seals the same key and sequence
     * twice in a row; with another seal in between, or on another instance (another thread), it
     * goes through silently. Unique sequences are the caller's job (an atomic counter per session
     * and direction); the exception is a tripwire, not a guarantee.
     */
    @Test
    void theReuseTripwireSeesOnlyTheSameInstancesPreviousSeal() {
        VoiceCipher cipher = new VoiceCipher();
        byte[] first = sealed(cipher, key, 5, HELLO_OPUS);
        sealed(cipher, key, 6, HELLO_OPUS);
        byte[] again = sealed(cipher, key, 5, HELLO_OPUS);
        byte[] elsewhere = sealed(new VoiceCipher(), key, 5, HELLO_OPUS);

        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isEqualTo(first);
    }

    /** Sealing a nonce that was just opened is a real reuse (the peer sealed with it), and is refused. */
    @Test
    void sealingWhatWasJustOpenedIsRefusedToo() {
        VoiceCipher cipher = new VoiceCipher();
        byte[] packet = sealed(new VoiceCipher(), key, 9, HELLO_OPUS);
        assertThat(cipher.open(key, packet, 0, packet.length, 17, new byte[64], 0)).isEqualTo(HELLO_OPUS.length);

        assertThatThrownBy(() -> sealed(cipher, key, 9, HELLO_OPUS)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Regression: the JDK refuses a repeated key and nonce in decrypt mode too. Before the fix a
     * forgery naming the next sequence, followed by the real packet, made open throw instead of
     * opening the real one; and a relay thread would throw on every such pair.
     */
    @Test
    void openingTheSameSequenceAgainNeverThrows() {
        byte[] real = sealed(new VoiceCipher(), key, 11, HELLO_OPUS);
        byte[] forged = real.clone();
        forged[real.length - 1] ^= 1;
        VoiceCipher cipher = new VoiceCipher();
        byte[] out = new byte[VoicePacket.MAX_PAYLOAD_BYTES];

        assertThat(cipher.open(key, forged, 0, forged.length, 17, out, 0)).isEqualTo(-1);
        assertThat(cipher.open(key, forged, 0, forged.length, 17, out, 0)).isEqualTo(-1);
        assertThat(cipher.open(key, real, 0, real.length, 17, out, 0)).isEqualTo(HELLO_OPUS.length);
        assertThat(cipher.open(key, real, 0, real.length, 17, out, 0)).isEqualTo(HELLO_OPUS.length);
        assertThat(Arrays.copyOf(out, HELLO_OPUS.length)).isEqualTo(HELLO_OPUS);
    }

    @Test
    void oneInstanceCanSealAndThenOpenTheSamePacket() {
        VoiceCipher cipher = new VoiceCipher();
        byte[] packet = sealed(cipher, key, 12, HELLO_OPUS);

        assertThat(cipher.open(key, packet, 0, packet.length, 17, new byte[64], 0)).isEqualTo(HELLO_OPUS.length);
    }

    @Test
    void aWrongKeyDoesNotOpen() {
        byte[] packet = sealed(new VoiceCipher(), key, 1, HELLO_OPUS);
        byte[] other = EXAMPLE_KEY.clone();
        other[31] ^= (byte) 0x80;

        assertThat(new VoiceCipher().open(VoiceCipher.key(other), packet, 0, packet.length, 17, new byte[64], 0))
                .isEqualTo(-1);
    }

    /**
     * Both directions count from 1 under the same key, so the direction word is what keeps their
     * nonces apart: with the same key, sequence and payload, the ciphertexts (payload XOR
     * keystream) differ, so the keystreams do.
     */
    @Test
    void theTwoDirectionsNeverShareAKeystream() {
        byte[] up = new byte[100];
        int upHeader = VoicePacket.writeHeader(up, 0, 0x0a0b0c0d, 1, 960, VoicePacket.KIND_AUDIO, 0);
        new VoiceCipher().seal(key, up, 0, upHeader, HELLO_OPUS, 0, HELLO_OPUS.length);
        byte[] down = new byte[100];
        int downHeader = VoicePacket.writeHeader(down, 0, 0x0a0b0c0d, 1, 960,
                VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_AUDIO, 0);
        new VoiceCipher().seal(key, down, 0, downHeader, HELLO_OPUS, 0, HELLO_OPUS.length);

        assertThat(Arrays.copyOfRange(up, upHeader, upHeader + HELLO_OPUS.length))
                .isNotEqualTo(Arrays.copyOfRange(down, downHeader, downHeader + HELLO_OPUS.length));
    }

    @Test
    void anUplinkPacketRelabelledAsDownlinkDoesNotOpen() {
        byte[] up = sealed(new VoiceCipher(), key, 3, HELLO_OPUS);
        byte[] down = new byte[up.length + 8];
        int header = VoicePacket.writeHeader(down, 0, VoicePacket.session(up, 0), 3, VoicePacket.timestamp(up, 0),
                VoicePacket.FLAG_DOWNLINK | VoicePacket.KIND_AUDIO, 0);
        System.arraycopy(up, 17, down, header, up.length - 17);

        assertThat(VoicePacket.validate(down, 0, down.length)).isEqualTo(25);
        assertThat(new VoiceCipher().open(key, down, 0, down.length, 25, new byte[64], 0)).isEqualTo(-1);
    }

    @Test
    void aKeyIsThirtyTwoBytes() {
        assertThatThrownBy(() -> VoiceCipher.key(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VoiceCipher.key(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThat(VoiceCipher.key(new byte[32]).getEncoded()).hasSize(32);
    }

    /** An uplink audio packet without party: the header, then the sealed payload. */
    static byte[] sealed(VoiceCipher cipher, SecretKey key, long sequence, byte[] payload) {
        byte[] packet = new byte[17 + payload.length + 16];
        int header = VoicePacket.writeHeader(packet, 0, 0x0a0b0c0d, sequence, 960, VoicePacket.KIND_AUDIO, 0);
        int length = cipher.seal(key, packet, 0, header, payload, 0, payload.length);
        assertThat(length).isEqualTo(packet.length);
        return packet;
    }

    private void assertOpensTo(byte[] packet, int length, byte[] payload) {
        int header = VoicePacket.validate(packet, 0, length);
        byte[] out = new byte[VoicePacket.MAX_PAYLOAD_BYTES];
        int opened = new VoiceCipher().open(key, packet, 0, length, header, out, 0);
        assertThat(Arrays.copyOf(out, opened)).isEqualTo(payload);
    }

    private static byte[] exampleKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        return key;
    }
}
