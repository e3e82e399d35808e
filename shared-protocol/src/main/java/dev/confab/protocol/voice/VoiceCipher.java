package dev.confab.protocol.voice;

import dev.confab.protocol.BigEndian;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens voice packets with the JDK's ChaCha20-Poly1305. The header is the associated
 * data; the payload is encrypted.
 *
 * <p>Nonce scheme: 12 bytes, the direction as a 32-bit big-endian word (0 for client to server,
 * 1 for server to client, read from {@link VoicePacket#FLAG_DOWNLINK}) followed by the packet's
 * 64-bit sequence. Each key belongs to one voice session, each side counts its own direction
 * from 1 and never repeats a number, so no nonce is used twice under a key. The nonce is taken
 * from the header itself, so a packet cannot be opened under a sequence other than the one it
 * names.
 *
 * <p>One instance per thread: it holds a {@link Cipher} and a nonce buffer, and is not safe
 * to share.
 */
public final class VoiceCipher {
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final String ALGORITHM = "ChaCha20-Poly1305";

    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_BYTES];

    public VoiceCipher() {
        try {
            cipher = Cipher.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    /** A session key from its 32 raw bytes (as sent, base64, in the voice grant). */
    public static SecretKey key(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a voice key is " + KEY_BYTES + " bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "ChaCha20");
    }

    /**
     * Seals a payload into a packet whose header is already written at {@code offset}: the
     * ciphertext and tag go right after the {@code header} bytes. Returns the packet's length.
     */
    public int seal(SecretKey key, byte[] packet, int offset, int header, byte[] payload, int payloadOffset,
            int payloadLength) {
        try {
            init(Cipher.ENCRYPT_MODE, key, packet, offset);
            cipher.updateAAD(packet, offset, header);
            return header + cipher.doFinal(payload, payloadOffset, payloadLength, packet, offset + header);
        } catch (InvalidKeyException e) {
            // The JDK refuses a key and nonce pair it has just used: a caller reused a sequence.
            throw new IllegalStateException("voice sequence reused under one key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a packet of {@code length} bytes whose header ({@code header} bytes, as
     * {@link VoicePacket#validate} found) is at {@code offset}, writing the payload to
     * {@code out}, which must have room for {@link VoicePacket#payloadBytes} bytes. Returns the
     * payload's length, or -1 when the tag does not match: a wrong key, a changed byte, or a
     * forgery. Opening the same key and sequence again (a forgery, then the real packet) is fine.
     */
    public int open(SecretKey key, byte[] packet, int offset, int length, int header, byte[] out, int outOffset) {
        try {
            init(Cipher.DECRYPT_MODE, key, packet, offset);
            cipher.updateAAD(packet, offset, header);
            return cipher.doFinal(packet, offset + header, length - header, out, outOffset);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void init(int mode, SecretKey key, byte[] packet, int offset) throws GeneralSecurityException {
        boolean downlink = (VoicePacket.flags(packet, offset) & VoicePacket.FLAG_DOWNLINK) != 0;
        BigEndian.putInt(nonce, 0, downlink ? 1 : 0);
        System.arraycopy(packet, offset + VoicePacket.SEQUENCE_OFFSET, nonce, 4, 8);
        try {
            cipher.init(mode, key, new IvParameterSpec(nonce));
        } catch (InvalidKeyException e) {
            if (mode != Cipher.DECRYPT_MODE) {
                throw e;
            }
            // The JDK refuses the key and nonce of this cipher's previous init in decrypt mode
            // too, though opening twice reuses nothing: a forgery under the next sequence, then
            // the real packet, would make open throw. Init once with another nonce in between.
            // (Any other reason for the refusal, such as a bad key, fails again here.)
            nonce[0] ^= 1;
            cipher.init(mode, key, new IvParameterSpec(nonce));
            nonce[0] ^= 1;
            cipher.init(mode, key, new IvParameterSpec(nonce));
        }
    }
}
