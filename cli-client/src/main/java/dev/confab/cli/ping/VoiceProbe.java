package dev.confab.cli.ping;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.connect.ServerLink;
import dev.confab.client.chat.ChatSession;
import dev.confab.client.voice.VoiceConnection;
import dev.confab.client.voice.VoiceOptions;
import dev.confab.client.voice.VoiceState;
import dev.confab.client.voice.VoiceTransport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The voice half of {@code ping}: a client-core {@link VoiceConnection} on the command's own chat
 * session, doing what a voice client does with the voice session every login is granted (UDP
 * probes, then UDP or the tunnel through the chat connection), watched from outside. Nothing is
 * said: only the connection's own pings and their pongs are measured.
 *
 * <p>The connection reports a {@link VoiceState} on every change of path and every pong; those
 * snapshots queue up here, and {@link #measure} reads them on the command's thread, so nothing
 * blocks the session's event loop.
 */
final class VoiceProbe implements AutoCloseable {

    /**
     * The least time to listen for pongs once the path is chosen. The connection pings once a
     * second, and two pongs are usually in by the choice (a probe's and the chosen path's first).
     */
    static final Duration LISTEN = Duration.ofSeconds(3);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    /** Queued when the chat session ends. */
    private static final Object ENDED = new Object();

    /**
     * What the voice connection found.
     *
     * @param transport       the path in use at the end: UDP, TUNNEL, or CONNECTING when UDP had not
     *                        answered by the time limit (the connection waits 3 s before it says TUNNEL)
     * @param udpRoundTrip    smoothed UDP round trip, or null when UDP never answered
     * @param tunnelRoundTrip smoothed round trip through the chat connection, or null when not measured
     * @param room            the room the voice session is for
     */
    record Measurement(VoiceTransport transport, Duration udpRoundTrip, Duration tunnelRoundTrip, long room) {

        boolean udpReachable() {
            return transport == VoiceTransport.UDP;
        }
    }

    private final ServerLink link;
    private final VoiceConnection voice;
    private final BlockingQueue<Object> news = new LinkedBlockingQueue<>();

    /** Starts voice on {@code link}'s session, which picks up the grant its login brought. */
    VoiceProbe(ServerLink link, VoiceOptions options) {
        this.link = link;
        ChatSession session = link.session();
        this.voice = new VoiceConnection(session, options);
        voice.addStateListener(news::add);
        session.closeFuture().whenComplete((ended, error) -> news.add(ENDED));
    }

    /**
     * Waits up to {@code limit} for the connection to choose UDP or the tunnel, then listens
     * until {@code pongs} pongs came back on the chosen path (counting those before the choice),
     * for at most {@code pongs} seconds or {@link #LISTEN}, whichever is longer.
     *
     * @throws CliException timeout when no voice session was granted, or neither path answered, in
     *                      time; the failure that ended the session when it ended meanwhile
     */
    Measurement measure(Duration limit, int pongs) throws CliException, InterruptedException {
        PongCount count = new PongCount();
        VoiceState last = VoiceState.INITIAL;
        long chosenBy = System.nanoTime() + limit.toNanos();
        long listen = Math.max(LISTEN.toNanos(), TimeUnit.SECONDS.toNanos(pongs));
        long listenUntil = Long.MAX_VALUE;
        while (true) {
            long deadline = listenUntil == Long.MAX_VALUE ? chosenBy : listenUntil;
            Object next = news.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            if (next == ENDED) {
                throw sessionEnded();
            }
            VoiceState state = (VoiceState) next;
            count.add(state);
            if (state.transport() == VoiceTransport.OFF && last.transport() != VoiceTransport.OFF) {
                continue; // revoked, as on a room change: until a new grant, report what the last one found
            }
            last = state;
            boolean chosen = state.transport() == VoiceTransport.UDP || state.transport() == VoiceTransport.TUNNEL;
            if (chosen && listenUntil == Long.MAX_VALUE) {
                listenUntil = System.nanoTime() + listen;
            }
            if (chosen && count.on(state.transport()) >= pongs) {
                break;
            }
        }
        if (last.transport() == VoiceTransport.OFF) {
            throw new CliException(Exit.NETWORK, "timeout", link.session().server() + " granted no voice session within "
                    + ServerLink.describe(limit));
        }
        if (last.udpRoundTrip() == null && last.tunnelRoundTrip() == null) {
            throw new CliException(Exit.NETWORK, "timeout", "the voice server answered neither over UDP nor through "
                    + "the chat connection within " + ServerLink.describe(limit));
        }
        return new Measurement(last.transport(), last.udpRoundTrip(), last.tunnelRoundTrip(), last.room());
    }

    private CliException sessionEnded() throws InterruptedException {
        try {
            link.session().closeFuture().get();
            return new CliException(Exit.NETWORK, "network", "the connection to " + link.session().server() + " ended");
        } catch (ExecutionException e) {
            return link.failure(e.getCause());
        }
    }

    /** Stops voice and releases its UDP socket; the session itself is the link's to close. */
    @Override
    public void close() {
        try {
            voice.close().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The socket closes with the session's event loop anyway.
        }
    }

    /**
     * Pongs per path for the current grant. The state says only the smoothed round trips, and
     * every pong moves them (as does nothing else), so each new value is one pong.
     */
    private static final class PongCount {
        private int grant;
        private Duration udp;
        private Duration tunnel;
        private int udpPongs;
        private int tunnelPongs;

        void add(VoiceState state) {
            if (state.sessionId() != 0 && state.sessionId() != grant) {
                grant = state.sessionId();
                udp = null;
                tunnel = null;
                udpPongs = 0;
                tunnelPongs = 0;
            }
            if (state.udpRoundTrip() != null && !Objects.equals(state.udpRoundTrip(), udp)) {
                udpPongs++;
            }
            if (state.tunnelRoundTrip() != null && !Objects.equals(state.tunnelRoundTrip(), tunnel)) {
                tunnelPongs++;
            }
            udp = state.udpRoundTrip() == null ? udp : state.udpRoundTrip();
            tunnel = state.tunnelRoundTrip() == null ? tunnel : state.tunnelRoundTrip();
        }

        int on(VoiceTransport transport) {
            return transport == VoiceTransport.UDP ? udpPongs : tunnelPongs;
        }
    }
}
