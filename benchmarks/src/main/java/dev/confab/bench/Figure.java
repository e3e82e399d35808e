package dev.confab.bench;

/**
 * One measured number of a run, e.g. {@code persisted_per_second = 9874 msg/s}.
 *
 * @param key   a stable name for --json and for comparing runs
 * @param label what a person reads
 */
record Figure(String key, String label, double value, String unit) {
}
