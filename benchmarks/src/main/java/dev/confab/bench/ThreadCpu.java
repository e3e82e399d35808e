package dev.confab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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

    private record Sample(String name, long ticks, long systemTicks) {
    }

    /** One thread's use over the interval, in cores: all of it, and the part spent in the kernel. */
    record Use(long tid, String name, double cores, double systemCores) {
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

    /**
     * The busiest threads one by one (not summed by name, so two event loop groups whose names
     * Linux cut to the same 15 characters stay apart), busiest first.
     */
    List<Use> busiestThreads(int count) {
        Map<Long, Sample> now = read(pid);
        double seconds = (System.nanoTime() - startWall) / 1e9;
        double ticksPerSecond = ProcStats.ticksPerSecond();
        List<Use> uses = new ArrayList<>();
        if (seconds <= 0) {
            return uses;
        }
        now.forEach((tid, sample) -> {
            Sample before = start.get(tid);
            long used = sample.ticks() - (before == null ? 0 : before.ticks());
            long system = sample.systemTicks() - (before == null ? 0 : before.systemTicks());
            if (used > 0) {
                uses.add(new Use(tid, sample.name(), used / ticksPerSecond / seconds, system / ticksPerSecond / seconds));
            }
        });
        uses.sort(Comparator.comparingDouble(Use::cores).reversed());
        return uses.size() > count ? new ArrayList<>(uses.subList(0, count)) : uses;
    }

    /** e.g. {@code "epollEventLoopG/4711 0.42 (sys 0.20), ..."}. */
    static String describe(List<Use> uses) {
        return uses.isEmpty() ? "not available" : uses.stream()
                .map(u -> String.format(Locale.ROOT, "%s/%d %.2f (sys %.2f)", u.name(), u.tid(), u.cores(), u.systemCores()))
                .collect(Collectors.joining(", "));
    }

    private static Map<Long, Sample> read(long pid) {
        Map<Long, Sample> samples = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    long[] split = ProcStats.userSystemTicks(stat);
                    samples.put(Long.parseLong(task.getFileName().toString()),
                            new Sample(name, split[0] + split[1], split[1]));
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
