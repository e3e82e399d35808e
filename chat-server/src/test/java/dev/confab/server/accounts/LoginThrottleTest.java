package dev.confab.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock, 60_000, 3, 5);

    @Test
    void anAccountIsThrottledAfterItsFailuresUntilTheyAgeOut() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.secondsUntilAllowed("alice", "10.0.0." + i)).isZero();
            throttle.recordFailure("alice", "10.0.0." + i);
        }
        assertThat(throttle.secondsUntilAllowed("alice", "10.0.0.9")).isEqualTo(60);
        assertThat(throttle.secondsUntilAllowed("bob", "10.0.0.9")).isZero();

        now = now.plus(Duration.ofSeconds(61));
        assertThat(throttle.secondsUntilAllowed("alice", "10.0.0.9")).isZero();
    }

    @Test
    void anAddressIsThrottledAcrossAccounts() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, "10.0.0.1");
        }
        assertThat(throttle.secondsUntilAllowed("someone-else", "10.0.0.1")).isPositive();
        assertThat(throttle.secondsUntilAllowed("someone-else", "10.0.0.2")).isZero();
    }

    @Test
    void successClearsTheAccountsFailures() {
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordSuccess("alice");
        throttle.recordFailure("alice", "10.0.0.1");
        assertThat(throttle.secondsUntilAllowed("alice", "10.0.0.2")).isZero();
    }
}
