package dev.confab.tui.ptt;

import java.time.Duration;

/**
 * Hold-to-talk where the terminal reports no releases: a held key repeats, so the key counts as
 * held until its repeats stop. Keyboards wait 250-660 ms before the first repeat and then repeat
 * 25-40 times a second; over SSH the repeats arrive with jitter. The hold therefore ends when
 * nothing came within {@link #initialGap()} after the press, or within {@link #repeatGap()}
 * after the last repeat. A tap without repeats talks for the initial gap.
 *
 * <p>Without the kitty protocol a repeat arrives as another press, so a press while held counts
 * as a repeat. A repeat or press after the hold timed out (a stall longer than the gap) starts
 * it again. Pure: time is passed in as {@code System.nanoTime()}-style nanoseconds, and the UI
 * calls {@link #tick} every frame. Not thread-safe: one thread (the UI's) uses it.
 */
public final class RepeatHold {

    public static final Duration DEFAULT_INITIAL_GAP = Duration.ofMillis(700);
    public static final Duration DEFAULT_REPEAT_GAP = Duration.ofMillis(150);

    private final long initialGap;
    private final long repeatGap;
    private boolean held;
    private boolean repeating;
    private long lastSeen;

    public RepeatHold() {
        this(DEFAULT_INITIAL_GAP, DEFAULT_REPEAT_GAP);
    }

    public RepeatHold(Duration initialGap, Duration repeatGap) {
        if (initialGap.isNegative() || initialGap.isZero() || repeatGap.isNegative() || repeatGap.isZero()) {
            throw new IllegalArgumentException("gaps must be positive: " + initialGap + ", " + repeatGap);
        }
        this.initialGap = initialGap.toNanos();
        this.repeatGap = repeatGap.toNanos();
    }

    public Duration initialGap() {
        return Duration.ofNanos(initialGap);
    }

    public Duration repeatGap() {
        return Duration.ofNanos(repeatGap);
    }

    public boolean held() {
        return held;
    }

    /** The key went down, or (while held) repeated. Returns whether {@link #held()} changed. */
    public boolean press(long now) {
        if (held) {
            return repeat(now);
        }
        held = true;
        repeating = false;
        lastSeen = now;
        return true;
    }

    /** The key repeated; starts a hold if none is on. Returns whether {@link #held()} changed. */
    public boolean repeat(long now) {
        if (!held) {
            press(now);
            repeating = true;
            return true;
        }
        repeating = true;
        lastSeen = now;
        return false;
    }

    /** A true release. Returns whether {@link #held()} changed. */
    public boolean release() {
        boolean changed = held;
        held = false;
        return changed;
    }

    /** Ends the hold if the repeats stopped. Returns whether {@link #held()} changed. */
    public boolean tick(long now) {
        if (held && now - lastSeen > (repeating ? repeatGap : initialGap)) {
            held = false;
            return true;
        }
        return false;
    }
}
