package dev.confab.voice.link;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * One direction of a link: ChaCha20-Poly1305 under that direction's key, with an implicit
 * nonce of four zero bytes and a 64-bit frame counter that starts at 0 and goes up by one per
 * frame. The counter is never sent, so a frame replayed, dropped or reordered does not open, and
 * a sealer never uses a nonce twice. The 4-byte length prefix is the associated data.
 *
 * <p>Used by one channel's event loop at a time; not safe to share.
 */
public final class LinkCipher {
    public static final int TAG_BYTES = 16;
    private static final String ALGORITHM = "ChaCha20-Poly1305";

    private final SecretKey key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];
    private long counter;

    LinkCipher(SecretKey key) {
        this.key = key;
        try {
            this.cipher = Cipher.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    /** Seals the next frame's plaintext; the result is ciphertext and tag. */
    public byte[] seal(byte[] plain, int offset, int length, byte[] aad) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
            cipher.updateAAD(aad);
            return cipher.doFinal(plain, offset, length);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("link nonce reused", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens the next frame: {@code sealed} holds ciphertext and tag; the plaintext goes to
     * {@code out}, which must hold {@code sealed.remaining() - TAG_BYTES} bytes.
     */
    public void open(ByteBuffer sealed, byte[] aad, byte[] out) throws LinkException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
            cipher.updateAAD(aad);
            cipher.doFinal(sealed, ByteBuffer.wrap(out));
        } catch (AEADBadTagException e) {
            throw new LinkException("a frame did not open (wrong secret, or bytes altered, replayed or reordered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Frames sealed or opened so far. */
    public long frames() {
        return counter;
    }

    private IvParameterSpec nextNonce() {
        if (counter == -1L) {
            throw new IllegalStateException("link frame counter exhausted");
        }
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (56 - 8 * i));
        }
        return new IvParameterSpec(nonce);
    }
}
