package dev.confab.voice;

import static org.assertj.core.api.Assertions.fail;

import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.VoiceCounters;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.control.VoiceControl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A real relay on an ephemeral UDP port of 127.0.0.1, a capturing tunnel, and the clients a test
 * made: all closed with it.
 */
final class TestRelay implements AutoCloseable {
    static final int BITRATE = 32_000;

    /** A packet the relay gave the tunnel, copied. */
    record Tunnelled(int sessionId, byte[] packet) {
    }

    final VoiceServer server;
    final BlockingQueue<Tunnelled> tunnel = new LinkedBlockingQueue<>();
    private final List<VoiceClient> clients = new ArrayList<>();
    private final Random random = new Random();

    private TestRelay(LongSupplier nanoTime) throws Exception {
        server = VoiceServer.start(new VoiceServerConfig("127.0.0.1", 0, 2),
                (sessionId, packet, length) -> tunnel.add(new Tunnelled(sessionId, Arrays.copyOf(packet, length))),
                nanoTime);
    }

    static TestRelay start() throws Exception {
        return new TestRelay(System::nanoTime);
    }

    static TestRelay start(LongSupplier nanoTime) throws Exception {
        return new TestRelay(nanoTime);
    }

    VoiceControl control() {
        return server.control();
    }

    SessionSpec spec(int sessionId, long chatSession, long room, boolean whisperAnywhere) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new SessionSpec(sessionId, key, chatSession, "user" + chatSession, room, BITRATE, whisperAnywhere,
                false, false);
    }

    /** Opens a member's session (may whisper anywhere) and a client for it, not yet connected. */
    VoiceClient open(int sessionId, long chatSession, long room) {
        return open(spec(sessionId, chatSession, room, true));
    }

    VoiceClient open(SessionSpec spec) {
        control().open(spec);
        return client(spec);
    }

    /** A client for a session, whether or not it is open at the relay. */
    VoiceClient client(SessionSpec spec) {
        VoiceClient client = new VoiceClient(spec, server.port());
        clients.add(client);
        return client;
    }

    /** Opens a session and connects its client, so it receives its room's audio. */
    VoiceClient join(int sessionId, long chatSession, long room) {
        return open(sessionId, chatSession, room).connect();
    }

    VoiceClient track(VoiceClient client) {
        clients.add(client);
        return client;
    }

    VoiceCounters total() {
        return control().stats().join().total();
    }

    SessionCounters session(long chatSession) {
        return control().stats().join().sessions().stream()
                .filter(s -> s.session() == chatSession)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session for chat session " + chatSession));
    }

    /** Waits until the totals satisfy {@code condition}: the relay has handled what was sent. */
    VoiceCounters awaitTotal(Predicate<VoiceCounters> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        VoiceCounters now = total();
        while (!condition.test(now)) {
            if (System.nanoTime() > deadline) {
                fail("the relay's counters never got there: %s", now);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            now = total();
        }
        return now;
    }

    /** Waits until the relay has taken in {@code packets} more than {@code before} shows. */
    VoiceCounters awaitIn(VoiceCounters before, long packets) {
        return awaitTotal(now -> now.packetsIn() >= before.packetsIn() + packets);
    }

    static long drops(VoiceCounters c) {
        return c.droppedBadSeal() + c.droppedReplay() + c.droppedUnknownSession() + c.droppedRate()
                + c.droppedMalformed() + c.droppedMuted();
    }

    @Override
    public void close() {
        clients.forEach(VoiceClient::close);
        server.close();
        LeakWatch.assertNoLeaks();
    }
}
