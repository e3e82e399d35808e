package dev.confab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of a scenario measured: its settings, its figures in a fixed order, and notes.
 * A problem is a note that makes the run fail (e.g. stored messages do not match the
 * acknowledged ones), so a benchmark that measured something broken cannot pass quietly.
 */
final class ScenarioResult {
    private final String scenario;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    ScenarioResult(String scenario) {
        this.scenario = scenario;
    }

    ScenarioResult setting(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    /** Adds a figure; a negative value means "could not be measured" and is left out. */
    ScenarioResult figure(String key, String label, double value, String unit) {
        if (value >= 0 && !Double.isNaN(value)) {
            figures.add(new Figure(key, label, value, unit));
        }
        return this;
    }

    ScenarioResult note(String note) {
        notes.add(note);
        return this;
    }

    ScenarioResult problem(String problem) {
        problems.add(problem);
        return this;
    }

    String scenario() {
        return scenario;
    }

    Map<String, Object> settings() {
        return Collections.unmodifiableMap(settings);
    }

    List<Figure> figures() {
        return Collections.unmodifiableList(figures);
    }

    List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
