package dev.confab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU used by each thread of a process over an interval, by thread name, from
 * /proc/PID/task/TID/stat. Tells which server thread is the bottleneck (the single hub or
 * database writer thread, or the event loops) without attaching a profiler. Linux shortens
 * thread names to 15 characters, and threads of one name (e.g. the event loops) are summed.
 */
final class ThreadCpu {
    private final long pid;
    private final Map<Long, Sample> start;
    private final long startWall;

    private record Sample(String name, long ticks) {
    }

    private ThreadCpu(long pid) {
        this.pid = pid;
        this.start = read(pid);
        this.startWall = System.nanoTime();
    }

    static ThreadCpu start(long pid) {
        return new ThreadCpu(pid);
    }

    /** e.g. {@code "hub 0.95, nioEventLoopGro 0.61, db-writer 0.30"}: the busiest thread names, in cores. */
    String busiest(int count) {
        Map<Long, Sample> now = read(pid);
        double seconds = (System.nanoTime() - startWall) / 1e9;
        if (now.isEmpty() || seconds <= 0) {
            return "not available";
        }
        Map<String, Long> ticksByName = new HashMap<>();
        now.forEach((tid, sample) -> {
            Sample before = start.get(tid);
            long used = sample.ticks() - (before == null ? 0 : before.ticks());
            ticksByName.merge(sample.name(), used, Long::sum);
        });
        double ticksPerSecond = ProcStats.ticksPerSecond();
        return ticksByName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(count)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / ticksPerSecond / seconds))
                .collect(Collectors.joining(", "));
    }

    private static Map<Long, Sample> read(long pid) {
        Map<Long, Sample> samples = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    samples.put(Long.parseLong(task.getFileName().toString()), new Sample(name, ProcStats.ticksOf(stat)));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: it has nothing more to add
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return samples;
    }
}
