package dev.confab.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code confab-bench-audio}: the voice engine's benchmarks. {@code latency} measures mouth to ear
 * through real (PulseAudio) devices, two engines and a real server; {@code cpu} runs the JMH
 * benchmarks of the codec, jitter buffers and mixer.
 */
@Command(name = "confab-bench-audio", mixinStandardHelpOptions = true, version = "confab-bench-audio 0.1",
        description = "Measures the voice engine: mouth-to-ear latency, and CPU per frame.",
        subcommands = {LatencyScenario.class, CpuCommand.class},
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
