package dev.confab.voice;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Netty's buffer-leak reports (tests run with paranoid leak detection), so closing a test
 * relay fails the test that leaked instead of leaving a line in a log nobody reads.
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
    public static void assertNoLeaks() {
        System.gc();
        // The detector reports when a buffer is allocated after the leaked one was collected.
        ByteBufAllocator.DEFAULT.buffer(1).release();
        if (!REPORTS.isEmpty()) {
            List<String> reports = List.copyOf(REPORTS);
            REPORTS.clear();
            throw new AssertionError("Netty reported leaked buffers:\n" + String.join("\n", reports));
        }
    }
}
