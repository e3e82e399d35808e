package dev.confab.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(2, 8);

    @AfterEach
    void close() {
        hasher.close();
    }

    @Test
    void storesArgon2idWithTheBriefsParametersAndASaltPerHash() {
        String first = hasher.hash("correct horse").join();
        String second = hasher.hash("correct horse").join();

        assertThat(first).startsWith("$argon2id$v=19$m=65536,t=3,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(first).doesNotContain("correct horse");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse").join();

        assertThat(hasher.verify("correct horse", hash).join()).isTrue();
        assertThat(hasher.verify("correct horsE", hash).join()).isFalse();
        assertThat(hasher.verify("correct horse", null).join()).isFalse();
    }

    @Test
    void aFullQueueAnswersBusyInsteadOfQueueingWithoutBound() {
        PasswordHasher tiny = new PasswordHasher(1, 1);
        try {
            var results = java.util.stream.IntStream.range(0, 6).mapToObj(i -> tiny.hash("password" + i)).toList();
            assertThat(results).anySatisfy(f -> assertThat(f).isCompletedExceptionally());
        } finally {
            tiny.close();
        }
    }
}
