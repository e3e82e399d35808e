package dev.confab.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code confab-bench-audio}: the voice engine's benchmarks. {@code latency} measures mouth to ear
 * through real (PulseAudio) devices, two engines and a real server; {@code cpu} runs the JMH
 * benchmarks of the codec, jitter buffers and mixer; {@code jitter} plays the jitter buffer on a
 * simulated bad network, in simulated time.
 */
@Command(name = "confab-bench-audio", mixinStandardHelpOptions = true, version = "confab-bench-audio 0.1",
        description = "Measures the voice engine: mouth-to-ear latency, CPU per frame, and the jitter buffer's delay"
                + " and late drops on a simulated network.",
        subcommands = {LatencyScenario.class, CpuCommand.class, JitterCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run finished and its checks passed", "1:a check failed, or a run could not be done",
                "2:bad arguments"})
public final class AudioBench implements Runnable {

    public static void main(String[] args) {
        System.exit(ChatLoad.execute(new AudioBench(), args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
