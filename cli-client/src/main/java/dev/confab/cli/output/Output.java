package dev.confab.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.confab.protocol.MessageCodec;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Where a command's results go: stdout, as lines for people, or with {@code --json} as one JSON
 * object per line for jq. The JSON comes from records whose component names are the documented
 * field names (docs/CLI.md); absent values are left out, as on the wire.
 */
public final class Output {

    private final PrintWriter out;
    private final boolean json;
    private ObjectWriter writer;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** One line of text for people. */
    public void line(String text) {
        out.println(text);
    }

    /** One JSON object on one line. */
    public void object(Object value) {
        if (writer == null) {
            writer = MessageCodec.mapper().writer();
        }
        try {
            out.println(writer.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** With --json the record, otherwise the text: the usual shape of one result. */
    public void result(Object value, String text) {
        if (json) {
            object(value);
        } else {
            line(text);
        }
    }

    /** Pushes what was printed to whoever reads it now (for output that streams, like tail). */
    public void flush() {
        out.flush();
    }

    /** True once stdout can no longer be written, e.g. the reader of a pipe ({@code | head}) is gone. */
    public boolean closed() {
        return out.checkError();
    }

    /** A timestamp (epoch milliseconds) as local date and time, to the second. */
    public static String localTime(long epochMillis) {
        return LocalTime.FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Made on first use: loading the time zone rules is wasted on output that prints no time. */
    private static final class LocalTime {
        static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    }
}
