package dev.confab.voice.link;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link's handshake: the greeting each end sends in clear, and the two frame keys both ends
 * derive from the shared secret and the two greetings' nonces. See the package documentation.
 */
public final class LinkKeys {
    /** Opens every greeting; the trailing version changes if the link ever does. */
    static final byte[] MAGIC = "CONFAB-LINK/1".getBytes(StandardCharsets.US_ASCII);
    public static final int NONCE_BYTES = 32;
    public static final int GREETING_BYTES = MAGIC.length + NONCE_BYTES;
    /** Shorter secrets are refused: the link is only as strong as its secret. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final byte[] CHAT_TO_VOICE = "chat->voice".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VOICE_TO_CHAT = "voice->chat".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey chatToVoice;
    private final SecretKey voiceToChat;

    private LinkKeys(SecretKey chatToVoice, SecretKey voiceToChat) {
        this.chatToVoice = chatToVoice;
        this.voiceToChat = voiceToChat;
    }

    /** Refuses a secret too short to trust, with a message an operator can act on. */
    public static byte[] checkSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the link secret must be at least " + MIN_SECRET_BYTES + " bytes, not "
                    + (secret == null ? 0 : secret.length));
        }
        return secret.clone();
    }

    public static byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** What an end sends first, in clear: the magic and its nonce. */
    public static byte[] greeting(byte[] nonce) {
        byte[] greeting = Arrays.copyOf(MAGIC, GREETING_BYTES);
        System.arraycopy(nonce, 0, greeting, MAGIC.length, NONCE_BYTES);
        return greeting;
    }

    /** Whether a greeting starts with the magic. */
    static boolean hasMagic(byte[] greeting) {
        return greeting.length >= MAGIC.length && Arrays.equals(greeting, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** HmacSHA256(secret, label || chatNonce || voiceNonce) for each direction's label. */
    public static LinkKeys derive(byte[] secret, byte[] chatNonce, byte[] voiceNonce) {
        return new LinkKeys(key(secret, CHAT_TO_VOICE, chatNonce, voiceNonce),
                key(secret, VOICE_TO_CHAT, chatNonce, voiceNonce));
    }

    private static SecretKey key(byte[] secret, byte[] label, byte[] chatNonce, byte[] voiceNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(label);
            mac.update(chatNonce);
            mac.update(voiceNonce);
            byte[] raw = mac.doFinal();
            SecretKey key = new SecretKeySpec(raw, "ChaCha20");
            Arrays.fill(raw, (byte) 0);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256", e);
        }
    }

    /** The cipher for what this end sends. */
    public LinkCipher sealer(boolean chatSide) {
        return new LinkCipher(chatSide ? chatToVoice : voiceToChat);
    }

    /** The cipher for what this end receives. */
    public LinkCipher opener(boolean chatSide) {
        return new LinkCipher(chatSide ? voiceToChat : chatToVoice);
    }

    @Override
    public String toString() {
        return "LinkKeys[hidden]";
    }
}
