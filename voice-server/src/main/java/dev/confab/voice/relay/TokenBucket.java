package dev.confab.voice.relay;

/**
 * A token bucket on a nanosecond clock: {@code perSecond} tokens a second up to {@code burst}, full
 * at the start. Not thread-safe: its owner ({@link RelaySession}) guards it.
 */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double burst, long now) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    void refill(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            last = now;
        }
    }

    boolean has(double amount) {
        return tokens >= amount;
    }

    void take(double amount) {
        tokens -= amount;
    }
}
