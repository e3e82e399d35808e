package dev.confab.tui.ptt;

import java.time.Duration;

/**
 * A talk latch: each {@link #flip} starts or stops talking, and talking stops by itself after
 * {@link #autoStop()} (zero: never), so a forgotten toggle does not broadcast the room for an
 * hour. Pure: time comes in as nanoseconds and the UI calls {@link #tick} every frame. Not
 * thread-safe: one thread (the UI's) uses it.
 */
public final class Toggle {

    private final long autoStop;
    private boolean on;
    private long since;

    public Toggle(Duration autoStop) {
        if (autoStop.isNegative()) {
            throw new IllegalArgumentException("auto-stop must not be negative: " + autoStop);
        }
        this.autoStop = autoStop.toNanos();
    }

    /** Never stops by itself. */
    public Toggle() {
        this(Duration.ZERO);
    }

    public Duration autoStop() {
        return Duration.ofNanos(autoStop);
    }

    public boolean on() {
        return on;
    }

    /** Starts talking if stopped, stops if talking. Always a change. */
    public void flip(long now) {
        on = !on;
        since = now;
    }

    /** Stops talking, if it was. */
    public void off() {
        on = false;
    }

    /** Applies the auto-stop. Returns whether {@link #on()} changed. */
    public boolean tick(long now) {
        if (on && autoStop > 0 && now - since >= autoStop) {
            on = false;
            return true;
        }
        return false;
    }
}
