package dev.confab.voice.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void startsFullRefillsWithTimeAndNeverBeyondItsBurst() {
        TokenBucket bucket = new TokenBucket(100, 50, 0);
        assertThat(bucket.has(50)).isTrue();
        assertThat(bucket.has(51)).isFalse();
        bucket.take(50);
        assertThat(bucket.has(1)).isFalse();

        bucket.refill(100_000_000L); // 100 ms: 10 tokens
        assertThat(bucket.has(10)).isTrue();
        assertThat(bucket.has(10.5)).isFalse();

        bucket.refill(3_600_000_000_000L); // an hour: full, not more
        assertThat(bucket.has(50)).isTrue();
        assertThat(bucket.has(51)).isFalse();
    }

    @Test
    void aClockGoingBackwardsRefillsNothing() {
        TokenBucket bucket = new TokenBucket(100, 50, 1_000_000_000L);
        bucket.take(50);
        bucket.refill(0);
        assertThat(bucket.has(1)).isFalse();
        bucket.refill(1_010_000_000L);
        assertThat(bucket.has(1)).isTrue();
    }
}
