package dev.confab.cli.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of confab-cli. client-core logs what a long-running client wants in a log
 * file (reconnects, dropped lines); a command-line tool's stderr is for its one error line, so
 * these are dropped unless CONFAB_CLI_LOG asks for them (debug, info, warn or error).
 * Found by SLF4J through META-INF/services; it also keeps SLF4J from warning that it found no
 * binding at all.
 */
public final class QuietLoggerProvider implements SLF4JServiceProvider {

    public static final String LEVEL_VARIABLE = "CONFAB_CLI_LOG";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private ILoggerFactory loggers;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggers = new StderrLoggerFactory(StderrLogger.threshold(System.getenv(LEVEL_VARIABLE)));
    }
}
