package dev.confab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Memory and CPU of a process, read from Linux's /proc: the resident set size the kernel
 * charges to the process (what an operator sees in top), and the CPU time it has used in user
 * and kernel mode. Both return -1 when the process is gone or /proc is not there.
 */
final class ProcStats {

    /** Kernel clock ticks per second, the unit of utime and stime in /proc/PID/stat. */
    private static final long TICKS_PER_SECOND = readTicksPerSecond();

    private ProcStats() {
    }

    /** VmRSS in bytes. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime in nanoseconds. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return ticksOf(stat) * TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime, in clock ticks, from the text of a /proc/.../stat file (of a process or a thread). */
    static long ticksOf(String stat) {
        long[] split = userSystemTicks(stat);
        return split[0] + split[1];
    }

    /** {utime, stime}, in clock ticks, from the text of a /proc/.../stat file. */
    static long[] userSystemTicks(String stat) {
        // The command name (field 2) is in parentheses and may itself contain spaces or ')';
        // the fields after the last ')' start at field 3 (state), so utime (14) is index 11.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    /** {user, system} CPU time of a process in nanoseconds, or null when it cannot be read. */
    static long[] userSystemNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            long[] ticks = userSystemTicks(stat);
            long nanosPerTick = TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
            return new long[] {ticks[0] * nanosPerTick, ticks[1] * nanosPerTick};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * CPU time the whole machine spent busy (user, nice, system, irq, softirq, steal), in
     * nanoseconds, from the first line of /proc/stat; -1 when unavailable.
     */
    static long machineBusyNanos() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy * TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Time all CPUs spent in softirq (the kernel's deferred network work: on loopback, delivering
     * each UDP datagram into its receiving socket), in nanoseconds, from /proc/stat; -1 when
     * unavailable. Without CONFIG_IRQ_TIME_ACCOUNTING it is sampled per tick, and the same ticks
     * also count as system time of whichever process was interrupted (or of ksoftirqd).
     */
    static long machineSoftirqNanos() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).strip().split("\\s+");
            return Long.parseLong(fields[7]) * TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long ticksPerSecond() {
        return TICKS_PER_SECOND;
    }

    private static long readTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the value every mainstream Linux architecture uses
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
