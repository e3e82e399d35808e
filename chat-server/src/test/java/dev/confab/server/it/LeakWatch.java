package dev.confab.server.it;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Netty's buffer-leak reports (tests run with paranoid leak detection), so a test
 * server's close fails the test that leaked instead of leaving a line in a log nobody reads.
 */
public final class LeakWatch extends AppenderBase<ILoggingEvent> {
    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK:")) {
            REPORTS.add(event.getFormattedMessage());
        }
    }

    /** Nudges the collector so leaked buffers get reported, then fails if any were. */
    static void assertNoLeaks() {
        System.gc();
        System.runFinalization();
        // The detector reports when the next buffer is allocated after collection.
        io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(1).release();
        if (!REPORTS.isEmpty()) {
            throw new AssertionError("Netty reported leaked buffers:\n" + String.join("\n", REPORTS));
        }
    }
}
