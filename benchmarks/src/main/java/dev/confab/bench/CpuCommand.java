package dev.confab.bench;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the {@link VoiceEngineCpu} JMH benchmarks with short settings and prints each as µs per
 * 20 ms frame and as a share of one core. For JMH's own options, run
 * {@code java -cp confab-bench.jar org.openjdk.jmh.Main VoiceEngineCpu -h}.
 */
@Command(name = "cpu", mixinStandardHelpOptions = true,
        description = "The voice engine's CPU per 20 ms frame (JMH): receiving 10 speakers (jitter buffers, Opus"
                + " decode, mix), one Opus encoder at 32 kb/s, and the whole capture pipeline.")
final class CpuCommand implements Callable<Integer> {
    private static final double FRAME_MICROS = VoiceEngineCpu.FRAME_NANOS / 1000.0;

    @Spec
    CommandSpec spec;

    @Option(names = "--forks", defaultValue = "1", description = "JVM forks (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--speakers", defaultValue = "10", description = "Speakers received at once (default: ${DEFAULT-VALUE}).")
    int speakers;

    @Override
    public Integer call() throws Exception {
        if (forks < 0 || warmup < 0 || iterations < 1 || seconds < 1 || speakers < 1) {
            throw new IllegalArgumentException("need --forks, --warmup >= 0 and --iterations, --seconds, --speakers >= 1");
        }
        Options options = new OptionsBuilder()
                .include(VoiceEngineCpu.class.getName() + "\\.")
                .param("speakers", Integer.toString(speakers))
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.printf(Locale.ROOT, "voice engine CPU per 20 ms frame (%d fork(s), %d x %d s measured)%n", forks,
                iterations, seconds);
        for (RunResult run : results) {
            Result<?> score = run.getPrimaryResult();
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            out.println(line(name, score.getScore(), score.getScoreError()));
        }
        out.flush();
        return 0;
    }

    /** e.g. {@code "receive  452.1 µs ± 12.3 per frame = 2.26 % of one core"}. */
    static String line(String benchmark, double micros, double error) {
        return String.format(Locale.ROOT, "  %-8s %8.1f µs ± %.1f per frame = %5.2f %% of one core", benchmark, micros,
                Double.isNaN(error) ? 0 : error, percentOfCore(micros));
    }

    /** The share of one core that work of {@code micros} every 20 ms frame takes. */
    static double percentOfCore(double micros) {
        return micros / FRAME_MICROS * 100;
    }
}
