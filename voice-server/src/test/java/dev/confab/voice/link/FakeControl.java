package dev.confab.voice.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.VoiceCounters;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.control.VoiceControl;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A relay that writes down every call it gets, one line each, in order. */
public final class FakeControl implements VoiceControl {
    public final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    public final Map<Integer, SessionSpec> open = new ConcurrentHashMap<>();
    /** What {@link #stats()} answers: set a failed or never-completed future to test the callers. */
    public volatile CompletableFuture<RelayStats> stats = CompletableFuture.completedFuture(stats(3));

    public static RelayStats stats(int sessions) {
        List<SessionCounters> each = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            each.add(new SessionCounters(i + 1, "person-" + i, 7, "udp", new VoiceCounters(i, 2 * i, 0, 0, 0, 0, 0, 0)));
        }
        return new RelayStats(new VoiceCounters(100, 200, 1, 2, 3, 4, 5, 6), each);
    }

    @Override
    public void open(SessionSpec session) {
        open.put(session.sessionId(), session);
        calls.add("open " + session.sessionId() + " " + session.muted() + " " + session.deafened());
    }

    @Override
    public void close(int sessionId) {
        open.remove(sessionId);
        calls.add("close " + sessionId);
    }

    @Override
    public void setState(int sessionId, boolean muted, boolean deafened) {
        calls.add("state " + sessionId + " " + muted + " " + deafened);
    }

    @Override
    public void tunnelled(byte[] packet) {
        calls.add("tunnel " + HexFormat.of().formatHex(packet));
    }

    @Override
    public CompletableFuture<RelayStats> stats() {
        calls.add("stats");
        return stats;
    }

    /** The next call, waiting up to 5 s for it. */
    public String next() throws InterruptedException {
        String call = calls.poll(5, TimeUnit.SECONDS);
        assertThat(call).as("a call reached the relay").isNotNull();
        return call;
    }

    /** Asserts the next calls, in order, are exactly these. */
    public void expect(String... expected) throws InterruptedException {
        for (String call : expected) {
            assertThat(next()).isEqualTo(call);
        }
    }

    public void expectNothingFor(long millis) throws InterruptedException {
        assertThat(calls.poll(millis, TimeUnit.MILLISECONDS)).isNull();
    }

    public static SessionSpec spec(int id) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (id + i);
        }
        return new SessionSpec(id, key, 1000L + id, "person-" + id, 7, 24_000, true, false, false);
    }

    /** Bytes that look enough like a voice packet for the link: the session id first. */
    public static byte[] packetFor(int sessionId, int length) {
        byte[] packet = new byte[length];
        packet[0] = (byte) (sessionId >>> 24);
        packet[1] = (byte) (sessionId >>> 16);
        packet[2] = (byte) (sessionId >>> 8);
        packet[3] = (byte) sessionId;
        for (int i = 4; i < length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }
}
