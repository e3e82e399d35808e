package dev.confab.server.accounts;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits failed logins per account and per address: after {@code maxFailures} failures inside
 * {@code window} milliseconds, further attempts are refused until the oldest failure ages out.
 * Used only on the hub thread, so it needs no locking.
 */
public final class LoginThrottle {
    private final Clock clock;
    private final long windowMillis;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Map<String, Deque<Long>> failures = new HashMap<>();

    public LoginThrottle(Clock clock, long windowMillis, int maxPerAccount, int maxPerAddress) {
        this.clock = clock;
        this.windowMillis = windowMillis;
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Seconds until another attempt is allowed, or 0 when it is allowed now. A null account
     * (token logins, which name none) is limited by address alone.
     */
    public long secondsUntilAllowed(String accountKey, String address) {
        long now = clock.millis();
        long wait = waitFor("address:" + address, maxPerAddress, now);
        if (accountKey != null) {
            wait = Math.max(wait, waitFor("account:" + accountKey, maxPerAccount, now));
        }
        return wait == 0 ? 0 : Math.max(1, (wait + 999) / 1000);
    }

    public void recordFailure(String accountKey, String address) {
        long now = clock.millis();
        if (accountKey != null) {
            record("account:" + accountKey, now);
        }
        record("address:" + address, now);
    }

    public void recordSuccess(String accountKey) {
        failures.remove("account:" + accountKey);
    }

    private long waitFor(String key, int max, long now) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        expire(key, times, now);
        return times.size() < max ? 0 : times.peekFirst() + windowMillis - now;
    }

    private void record(String key, long now) {
        Deque<Long> existing = failures.get(key);
        if (existing != null) {
            expire(key, existing, now);
        }
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }

    private void expire(String key, Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() + windowMillis <= now) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
        }
    }
}

