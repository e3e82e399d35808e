package dev.confab.bench;

import java.time.Duration;

/**
 * Waits for the server to finish the work a setup phase left queued. Replies to joins go out
 * before the broadcasts they cause, so a phase can "finish" while the server still has
 * hundreds of thousands of lines to encrypt and send; measuring then would measure that
 * backlog instead of the scenario.
 */
final class Settle {
    /** Below this the server is idle but for timers and the odd ping. */
    private static final double IDLE_CORES = 0.05;
    private static final long STEP_MILLIS = 500;
    /** Without a process id to watch, wait this long instead. */
    private static final Duration BLIND_WAIT = Duration.ofSeconds(5);

    private Settle() {
    }

    /**
     * Returns once the server used less than {@value #IDLE_CORES} cores over half a second, or
     * after {@code timeout}; returns how long that took.
     */
    static Duration untilIdle(long pid, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        if (ProcStats.cpuNanos(pid) < 0) {
            Thread.sleep(BLIND_WAIT.toMillis());
            return BLIND_WAIT;
        }
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            CpuMeter step = CpuMeter.start(pid);
            Thread.sleep(STEP_MILLIS);
            if (step.coresUsed() < IDLE_CORES) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
