package dev.confab.server.net;

/**
 * A token bucket: {@code ratePerSecond} requests a second on average, bursts of {@code burst}.
 * One per connection, used only on that connection's event loop.
 */
final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    RateLimiter(double ratePerSecond, double burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
