package dev.confab.server.voice.link;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** The log lines of both ends of the link, captured for a test to read. */
final class LogLines implements AutoCloseable {
    private static final String[] LOGGERS = {"dev.confab.server.voice.link", "dev.confab.voice.link"};
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
        }
    };

    LogLines() {
        appender.start();
        for (String name : LOGGERS) {
            ((Logger) LoggerFactory.getLogger(name)).addAppender(appender);
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines so far that contain {@code text}, after waiting up to 5 s for the first. */
    List<String> await(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> found = lines.stream().filter(line -> line.contains(text)).toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(10);
        }
        return List.of();
    }

    /** No line holds any of these secrets, in any of the ways a careless log line might print them. */
    boolean holdsNone(byte[]... secrets) {
        for (byte[] secret : secrets) {
            String[] forms = {new String(secret, StandardCharsets.ISO_8859_1), HexFormat.of().formatHex(secret),
                    Base64.getEncoder().encodeToString(secret), java.util.Arrays.toString(secret)};
            for (String line : lines) {
                for (String form : forms) {
                    if (line.contains(form)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (String name : LOGGERS) {
            ((Logger) LoggerFactory.getLogger(name)).detachAppender(appender);
        }
    }
}
