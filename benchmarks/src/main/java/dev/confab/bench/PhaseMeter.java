package dev.confab.bench;

/**
 * CPU over one phase of a scenario, for both sides of the machine: the server (in total and by
 * thread) and this load generator. The two share the cores, so a figure for one side means
 * little without the other.
 */
final class PhaseMeter {
    private final String phase;
    private final CpuMeter server;
    private final ThreadCpu serverThreads;
    private final CpuMeter loadGenerator;
    private final long machineStart;
    private final long wallStart;

    private PhaseMeter(String phase, long serverPid) {
        this.phase = phase;
        this.server = CpuMeter.start(serverPid);
        this.serverThreads = ThreadCpu.start(serverPid);
        this.loadGenerator = CpuMeter.startSelf();
        this.machineStart = ProcStats.machineBusyNanos();
        this.wallStart = System.nanoTime();
    }

    /** @param serverPid the server's process id, or -1 to report only the load generator */
    static PhaseMeter start(String phase, long serverPid) {
        return new PhaseMeter(phase, serverPid);
    }

    /** Server CPU seconds used since the phase started, or -1 when not known. */
    double serverCpuSeconds() {
        return server.cpuSeconds();
    }

    /**
     * Adds this phase's CPU figures, and a note naming the server's busiest threads. The rest of
     * the machine's busy time is reported too: the kernel's loopback TCP work done in softirq
     * threads lands there, and so would a build running alongside, which took cores from both
     * sides and makes a run untrustworthy.
     */
    void report(ScenarioResult result) {
        double serverCores = server.coresUsed();
        double ownCores = loadGenerator.coresUsed();
        long machineEnd = ProcStats.machineBusyNanos();
        double machineCores = machineStart < 0 || machineEnd < 0 ? -1
                : (double) (machineEnd - machineStart) / (System.nanoTime() - wallStart);
        double otherCores = machineCores < 0 || serverCores < 0 ? -1
                : Math.max(0, Math.round((machineCores - serverCores - ownCores) * 100) / 100.0);
        result.figure("server_cores_" + phase, "server CPU during " + phase, serverCores, "cores")
                .figure("loadgen_cores_" + phase, "load generator CPU during " + phase, ownCores, "cores")
                .figure("other_cores_" + phase, "rest of the machine during " + phase, otherCores, "cores");
        if (serverCores >= 0) {
            result.note("busiest server threads during " + phase + " (cores): " + serverThreads.busiest(5));
        }
    }
}
