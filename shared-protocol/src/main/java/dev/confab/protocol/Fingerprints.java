package dev.confab.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Server certificate fingerprints as people see them, in ssh's style: {@code SHA256:} followed
 * by the unpadded base64 of the SHA-256 of the certificate's DER encoding. The server prints
 * one at start; clients pin it.
 */
public final class Fingerprints {
    public static final String PREFIX = "SHA256:";

    private Fingerprints() {
    }

    public static String of(byte[] certificateDer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificateDer);
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** True when {@code text} has the shape of a fingerprint (so typos fail early and clearly). */
    public static boolean isWellFormed(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() != PREFIX.length() + 43) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(text.substring(PREFIX.length())).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
