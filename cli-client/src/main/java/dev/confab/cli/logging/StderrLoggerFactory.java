package dev.confab.cli.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** Hands out {@link StderrLogger}s that all print at or above one level (or never). */
final class StderrLoggerFactory implements ILoggerFactory {

    private final Level threshold;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    /** @param threshold the least severe level printed, or null to print nothing */
    StderrLoggerFactory(Level threshold) {
        this.threshold = threshold;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new StderrLogger(n, threshold));
    }
}
