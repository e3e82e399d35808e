package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts each line of a stream as its own message, as the lines come ({@code tail -f log | ...}).
 * Requests are pipelined: up to {@link #MAX_IN_FLIGHT} wait for their acknowledgement at once,
 * so throughput is bounded by the server rather than by round trips, and memory stays bounded
 * however fast the input is. The server handles a connection's requests in order, so messages
 * keep the order of the lines. The first refusal stops the stream.
 */
final class LineStreamer {

    static final int MAX_IN_FLIGHT = 1024;

    private final ServerLink link;
    private final long room;
    private final Output out;
    private final int maxChars;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final AtomicLong posted = new AtomicLong();

    LineStreamer(ServerLink link, long room, Output out) {
        this.link = link;
        this.room = room;
        this.out = out;
        this.maxChars = link.maxMessageChars();
    }

    /** Posts every non-empty line until end of input; returns how many messages were posted. */
    long stream(BufferedReader lines) throws CliException {
        try {
            for (String line; firstFailure.get() == null && (line = lines.readLine()) != null; ) {
                postInPieces(line);
            }
        } catch (IOException e) {
            firstFailure.compareAndSet(null, new CliException(Exit.USAGE, "io", "cannot read stdin: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            firstFailure.compareAndSet(null, new CliException(Exit.FAILURE, "interrupted", "interrupted"));
        }
        inFlight.acquireUninterruptibly(MAX_IN_FLIGHT);
        Throwable failure = firstFailure.get();
        if (failure != null) {
            CliException reported = link.failure(failure);
            throw new CliException(reported.exit(), reported.code(),
                    reported.getMessage() + " (" + posted.get() + " messages posted before that)", failure);
        }
        return posted.get();
    }

    /** A line longer than the server takes is posted as several messages rather than refused. */
    private void postInPieces(String line) throws InterruptedException {
        if (line.isEmpty()) {
            return;
        }
        int start = 0;
        while (start < line.length()) {
            int end = line.length();
            if (line.codePointCount(start, end) > maxChars) {
                end = line.offsetByCodePoints(start, maxChars);
            }
            post(line.substring(start, end));
            start = end;
        }
    }

    private void post(String text) throws InterruptedException {
        inFlight.acquire();
        link.request(id -> new Request.Say(id, room, text, false), Reply.Posted.class).whenComplete((reply, error) -> {
            if (error != null) {
                firstFailure.compareAndSet(null, error);
            } else {
                posted.incrementAndGet();
                if (out.json()) {
                    out.object(new Posted(reply.messageId(), reply.ts()));
                }
            }
            inFlight.release();
            // Streaming input (tail -f) gets its results at once; a bulk import in batches.
            if (out.json() && inFlight.availablePermits() == MAX_IN_FLIGHT) {
                out.flush();
            }
        });
    }
}
