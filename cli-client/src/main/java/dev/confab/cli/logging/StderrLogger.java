package dev.confab.cli.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Prints log events at or above a level to stderr, one line each (plus a stack trace if any). */
final class StderrLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final Level threshold;

    /** @param threshold the least severe level printed, or null to print nothing */
    StderrLogger(String name, Level threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    /** The level CONFAB_CLI_LOG names, or null (print nothing) when it is unset or unknown. */
    static Level threshold(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        try {
            return Level.valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean enabled(Level level) {
        return threshold != null && level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        StringWriter line = new StringWriter();
        line.append("confab-cli: log: ").append(level.name().toLowerCase(Locale.ROOT)).append(' ')
                .append(name.substring(name.lastIndexOf('.') + 1)).append(": ")
                .append(MessageFormatter.basicArrayFormat(pattern, arguments));
        if (throwable != null) {
            line.append(System.lineSeparator());
            throwable.printStackTrace(new PrintWriter(line));
        }
        // A logger has no command to ask for its error stream: client-core logs from its own
        // threads, outside any command. Only CONFAB_CLI_LOG gets here.
        PrintStream err = System.err;
        err.println(line);
    }
}
