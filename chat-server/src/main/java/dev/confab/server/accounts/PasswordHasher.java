package dev.confab.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (16-byte salt, 3 passes, 64 MiB) on a small fixed pool. The pool
 * bounds memory: at most {@code threads} hashes of 64 MiB run at once and a short queue waits,
 * so a login storm gets "busy" answers instead of exhausting the heap.
 *
 * <p>Hashes are stored as PHC strings, so their parameters travel with them and can be raised
 * later without breaking old accounts.
 */
public final class PasswordHasher implements AutoCloseable {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int ITERATIONS = 3;
    private static final int MEMORY_KIB = 64 * 1024;
    private static final int PARALLELISM = 1;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final ThreadPoolExecutor pool;
    /**
     * Verified against when an account does not exist, so timing does not reveal which names do.
     * Any well-formed hash with the real parameters costs the same to check; no password matches.
     */
    private static final String DECOY_HASH = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
            + "$ZGVjb3lzYWx0ZGVjb3lzYQ$ZGVjb3loYXNoZGVjb3loYXNoZGVjb3loYXNoZGVjb3k";

    public PasswordHasher(int threads, int queueLength) {
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueLength), r -> new Thread(r, "password-hasher"));
    }

    /** Thrown (as the cause of a failed future) when the hashing queue is full. */
    public static final class BusyException extends RuntimeException {
        BusyException() {
            super("too many logins at once; try again in a moment");
        }
    }

    public CompletableFuture<String> hash(String password) {
        return submit(() -> hashNow(password));
    }

    /** Checks a password against a stored hash; a null hash (no such account) is never a match. */
    public CompletableFuture<Boolean> verify(String password, String storedHash) {
        return submit(() -> {
            if (storedHash == null) {
                verifyNow(password, DECOY_HASH);
                return false;
            }
            return verifyNow(password, storedHash);
        });
    }

    private <T> CompletableFuture<T> submit(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new BusyException());
        }
    }

    String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, ITERATIONS, MEMORY_KIB, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    static boolean verifyNow(String password, String phc) {
        String[] parts = phc.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String setting : parts[3].split(",")) {
            int value = Integer.parseInt(setting.substring(2));
            switch (setting.charAt(0)) {
                case 'm' -> memory = value;
                case 't' -> iterations = value;
                case 'p' -> parallelism = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] expected = B64_DECODE.decode(parts[5]);
        byte[] actual = derive(password, B64_DECODE.decode(parts[4]), iterations, memory, parallelism);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int memoryKib, int parallelism) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withIterations(iterations)
                .withMemoryAsKB(memoryKib)
                .withParallelism(parallelism)
                .build());
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
