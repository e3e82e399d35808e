package dev.confab.client.audio.chaos;

import java.util.Locale;

/**
 * What the chaos simulator does to outgoing voice packets, to see how the far end copes with a
 * bad network without needing one. Every field 0 is {@link #OFF}.
 *
 * @param lossPercent    the share of packets dropped, 0 to 100
 * @param delayMillis    a fixed delay added to every packet kept, 0 to {@value #MAX_MILLIS}
 * @param jitterMillis   a further delay drawn uniformly from 0 to this, per packet, 0 to
 *                       {@value #MAX_MILLIS}; above one frame it reorders packets by itself
 * @param reorderPercent the share of packets held back one to two frames more, so that the next
 *                       one overtakes them, 0 to 100
 */
public record ChaosSettings(double lossPercent, int delayMillis, int jitterMillis, double reorderPercent) {

    public static final ChaosSettings OFF = new ChaosSettings(0, 0, 0, 0);
    /** Ten seconds: more is no longer a network, and would pile packets up in memory. */
    public static final int MAX_MILLIS = 10_000;

    public ChaosSettings {
        checkPercent("loss", lossPercent);
        checkPercent("reorder", reorderPercent);
        checkMillis("delay", delayMillis);
        checkMillis("jitter", jitterMillis);
    }

    /** Whether packets go out untouched. */
    public boolean off() {
        return lossPercent == 0 && delayMillis == 0 && jitterMillis == 0 && reorderPercent == 0;
    }

    /**
     * Reads settings as the TUI's developer panel and the CLI take them: comma-separated
     * {@code name=value} pairs from {@code loss}, {@code delay}, {@code jitter} and
     * {@code reorder}, in any order, each at most once; percentages may end in {@code %} and
     * times in {@code ms}; names left out are 0. {@code off} (or an empty string) is {@link #OFF}.
     * Example: {@code loss=10%,jitter=30ms,reorder=5}.
     *
     * @throws IllegalArgumentException saying what is wrong, for anything else
     */
    public static ChaosSettings parse(String text) {
        String spec = text.strip().toLowerCase(Locale.ROOT);
        if (spec.isEmpty() || spec.equals("off")) {
            return OFF;
        }
        double loss = 0;
        double reorder = 0;
        int delay = 0;
        int jitter = 0;
        boolean[] seen = new boolean[4];
        for (String pair : spec.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("expected name=value, not \"" + pair.strip() + "\"");
            }
            String name = pair.substring(0, equals).strip();
            String value = pair.substring(equals + 1).strip();
            int index = switch (name) {
                case "loss" -> 0;
                case "reorder" -> 1;
                case "delay" -> 2;
                case "jitter" -> 3;
                default -> throw new IllegalArgumentException("unknown chaos setting \"" + name
                        + "\" (known: loss, delay, jitter, reorder)");
            };
            if (seen[index]) {
                throw new IllegalArgumentException(name + " is given twice");
            }
            seen[index] = true;
            switch (index) {
                case 0 -> loss = percent(name, value);
                case 1 -> reorder = percent(name, value);
                case 2 -> delay = millis(name, value);
                default -> jitter = millis(name, value);
            }
        }
        return new ChaosSettings(loss, delay, jitter, reorder);
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        if (off()) {
            return "off";
        }
        return String.format(Locale.ROOT, "loss=%s%%,delay=%dms,jitter=%dms,reorder=%s%%", number(lossPercent),
                delayMillis, jitterMillis, number(reorderPercent));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static double percent(String name, String value) {
        String digits = value.endsWith("%") ? value.substring(0, value.length() - 1).strip() : value;
        double parsed;
        try {
            parsed = Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a percentage from 0 to 100, not \"" + value + "\"");
        }
        checkPercent(name, parsed);
        return parsed;
    }

    private static int millis(String name, String value) {
        String digits = value.endsWith("ms") ? value.substring(0, value.length() - 2).strip() : value;
        int parsed;
        try {
            parsed = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be whole milliseconds from 0 to " + MAX_MILLIS
                    + ", not \"" + value + "\"");
        }
        checkMillis(name, parsed);
        return parsed;
    }

    private static void checkPercent(String name, double value) {
        if (!(value >= 0 && value <= 100)) { // also refuses NaN
            throw new IllegalArgumentException(name + " must be a percentage from 0 to 100, not " + value);
        }
    }

    private static void checkMillis(String name, int value) {
        if (value < 0 || value > MAX_MILLIS) {
            throw new IllegalArgumentException(name + " must be whole milliseconds from 0 to " + MAX_MILLIS
                    + ", not " + value);
        }
    }
}
