package dev.confab.server.accounts;

import dev.confab.protocol.TokenInfo;
import dev.confab.server.storage.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for scripts. A token is 256 random bits, shown once; the table keeps its SHA-256.
 * A fast hash is right here (unlike passwords): the secret has full entropy, so there is nothing
 * to brute-force, and token logins must stay cheap for CI jobs that connect often.
 */
public final class ApiTokens {
    /** Makes tokens recognisable in a leaked config file or a secret scanner. */
    public static final String PREFIX = "cft_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    public static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static TokenInfo insert(Connection c, long accountId, String label, String secret, long now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO api_tokens (account_id, label, token_hash, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, accountId);
            insert.setString(2, label);
            insert.setBytes(3, hash(secret));
            insert.setLong(4, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new TokenInfo(keys.getLong(1), label, now, null);
            }
        }
    }

    /** The account a secret belongs to, marking the token used. */
    public static Optional<Long> authenticate(Connection c, String secret, long now) throws SQLException {
        byte[] hash = hash(secret);
        try (PreparedStatement use = c.prepareStatement(
                "UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ? RETURNING account_id")) {
            use.setLong(1, now);
            use.setBytes(2, hash);
            try (ResultSet row = use.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    public static List<TokenInfo> list(Connection c, long accountId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, label, created_at, last_used_at FROM api_tokens WHERE account_id = ? ORDER BY id")) {
            query.setLong(1, accountId);
            try (ResultSet rows = query.executeQuery()) {
                List<TokenInfo> tokens = new ArrayList<>();
                while (rows.next()) {
                    tokens.add(new TokenInfo(rows.getLong(1), rows.getString(2), rows.getLong(3),
                            Sql.nullableLong(rows, 4)));
                }
                return tokens;
            }
        }
    }

    public static boolean revoke(Connection c, long accountId, long tokenId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM api_tokens WHERE id = ? AND account_id = ?")) {
            delete.setLong(1, tokenId);
            delete.setLong(2, accountId);
            return delete.executeUpdate() == 1;
        }
    }
}
