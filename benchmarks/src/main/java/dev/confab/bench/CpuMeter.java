package dev.confab.bench;

/** How many cores a process kept busy over an interval: its CPU time divided by wall time. */
final class CpuMeter {
    private final long pid;
    private final long startCpu;
    private final long startWall;

    private CpuMeter(long pid) {
        this.pid = pid;
        this.startCpu = ProcStats.cpuNanos(pid);
        this.startWall = System.nanoTime();
    }

    static CpuMeter start(long pid) {
        return new CpuMeter(pid);
    }

    static CpuMeter startSelf() {
        return new CpuMeter(ProcessHandle.current().pid());
    }

    /** Average cores in use since start, or -1 when the process could not be read. */
    double coresUsed() {
        long cpu = ProcStats.cpuNanos(pid);
        long wall = System.nanoTime() - startWall;
        if (cpu < 0 || startCpu < 0 || wall <= 0) {
            return -1;
        }
        return (double) (cpu - startCpu) / wall;
    }

    /** CPU seconds used since start, or -1 when the process could not be read. */
    double cpuSeconds() {
        long cpu = ProcStats.cpuNanos(pid);
        return cpu < 0 || startCpu < 0 ? -1 : (cpu - startCpu) / 1e9;
    }
}
