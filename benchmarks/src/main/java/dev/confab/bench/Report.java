package dev.confab.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints results: readable lines by default, or with --json one JSON object per line (one per
 * run, then one summary), so a script can collect them with a line-by-line reader.
 */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;

    Report(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void run(ScenarioResult result, int run, int runs) {
        print(result, header(result.scenario(), run, runs),
                String.format("%s, run %d of %d", result.scenario(), run, runs));
    }

    /** A result that is not one of repeated runs (e.g. one case of a simulation), without run numbers. */
    void result(ScenarioResult result) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("scenario", result.scenario());
        print(result, object, result.scenario());
    }

    /** {@code object} holds the JSON header; {@code title} heads the text. */
    private void print(ScenarioResult result, Map<String, Object> object, String title) {
        if (json) {
            object.put("settings", result.settings());
            Map<String, Object> figures = new LinkedHashMap<>();
            result.figures().forEach(figure -> figures.put(figure.key(), figure.value()));
            object.put("figures", figures);
            object.put("notes", result.notes());
            object.put("problems", result.problems());
            print(object);
            return;
        }
        out.println(title);
        out.printf("  settings: %s%n", result.settings());
        for (Figure figure : result.figures()) {
            out.printf("  %-48s %s%s%n", figure.label() + ":", number(figure.value()), unit(figure));
        }
        result.notes().forEach(note -> out.println("  note: " + note));
        result.problems().forEach(problem -> out.println("  PROBLEM: " + problem));
        out.flush();
    }

    /** The median and range of every figure over the runs. */
    void summary(List<ScenarioResult> results) {
        ScenarioResult first = results.get(0);
        if (json) {
            Map<String, Object> object = header(first.scenario(), 0, results.size());
            object.put("summary", true);
            Map<String, Object> figures = new LinkedHashMap<>();
            for (Figure figure : first.figures()) {
                double[] values = valuesOf(results, figure.key());
                Map<String, Object> spread = new LinkedHashMap<>();
                spread.put("median", Stats.median(values));
                spread.put("min", Stats.min(values));
                spread.put("max", Stats.max(values));
                spread.put("unit", figure.unit());
                figures.put(figure.key(), spread);
            }
            object.put("figures", figures);
            print(object);
            return;
        }
        out.printf("%s, median of %d runs (range)%n", first.scenario(), results.size());
        for (Figure figure : first.figures()) {
            double[] values = valuesOf(results, figure.key());
            out.printf("  %-48s %s%s (%s .. %s)%n", figure.label() + ":", number(Stats.median(values)), unit(figure),
                    number(Stats.min(values)), number(Stats.max(values)));
        }
        out.flush();
    }

    private static double[] valuesOf(List<ScenarioResult> results, String key) {
        return results.stream()
                .flatMap(result -> result.figures().stream())
                .filter(figure -> figure.key().equals(key))
                .mapToDouble(Figure::value)
                .toArray();
    }

    private static Map<String, Object> header(String scenario, int run, int runs) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("scenario", scenario);
        if (run > 0) {
            object.put("run", run);
        }
        object.put("runs", runs);
        return object;
    }

    private void print(Map<String, Object> object) {
        try {
            out.println(JSON.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always encode", e);
        }
        out.flush();
    }

    private static String unit(Figure figure) {
        return figure.unit().isEmpty() ? "" : " " + figure.unit();
    }

    /** Whole numbers without decimals, small ones with up to two. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.1f" : "%.2f", value);
    }
}
