package dev.confab.client.chat;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How a session paces its reconnect attempts: exponential delays from {@code initialDelay}
 * doubling up to {@code maxDelay}, each shortened by a random part of up to {@code jitter}
 * (so many clients of a restarted server do not come back in lockstep), until
 * {@code giveUpAfter} has passed since the drop (null: never give up).
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double jitter, Duration giveUpAfter) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.2, null);

    public Backoff {
        if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive, not " + initialDelay);
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least initialDelay, not " + maxDelay);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), not " + jitter);
        }
        if (giveUpAfter != null && (giveUpAfter.isNegative() || giveUpAfter.isZero())) {
            throw new IllegalArgumentException("giveUpAfter must be positive or null (never), not " + giveUpAfter);
        }
    }

    /** The same pacing, giving up once {@code limit} has passed since the connection dropped. */
    public Backoff givingUpAfter(Duration limit) {
        return new Backoff(initialDelay, maxDelay, jitter, limit);
    }

    /** The delay after {@code previous}: double it, at most {@link #maxDelay()}. */
    Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
    }

    Duration jittered(Duration delay, RandomGenerator random) {
        return Duration.ofNanos((long) (delay.toNanos() * (1 - jitter * random.nextDouble())));
    }

    /** Whether an attempt starting {@code sinceDrop} after the drop would come too late. */
    boolean givesUp(Duration sinceDrop) {
        return giveUpAfter != null && sinceDrop.compareTo(giveUpAfter) > 0;
    }
}
