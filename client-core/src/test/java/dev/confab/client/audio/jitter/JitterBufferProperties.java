package dev.confab.client.audio.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The jitter buffer against any arrival schedule: losses, delays from none to far past the
 * maximum, duplicates, pauses, and timestamps anywhere (wrapping included). Whatever arrives,
 * every pull gets one answer; frames come out in order, one frame apart within a spurt, each at
 * most once and each with its own packet; the buffer never holds more than its maximum; and it
 * always falls silent once nothing more arrives.
 */
class JitterBufferProperties {

    /** One frame the speaker sends: lost or delayed, maybe sent again, maybe after a pause. */
    record FrameEvent(boolean lost, int delayMillis, int copies, int copyDelayMillis, int pauseFrames) { }

    /** A packet on its way, and what the test knows about it. */
    record Arrival(long nanos, int frame, long slot, byte[] payload) { }

    @Provide
    Arbitrary<List<FrameEvent>> schedules() {
        Arbitrary<Boolean> lost = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(false)), net.jqwik.api.Tuple.of(2, Arbitraries.just(true)));
        Arbitrary<Integer> delay = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 60)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 150)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 600)));
        Arbitrary<Integer> copies = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.just(0)), net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 2)));
        Arbitrary<Integer> copyDelay = Arbitraries.integers().between(0, 100);
        Arbitrary<Integer> pause = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(19, Arbitraries.just(0)), net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 100)));
        return Combinators.combine(lost, delay, copies, copyDelay, pause).as(FrameEvent::new).list().ofMinSize(1).ofMaxSize(150);
    }

    @Property(tries = 400)
    void anyArrivalOrderKeepsOrderCadenceAndBounds(@ForAll("schedules") List<FrameEvent> schedule,
                                                    @ForAll int firstTimestamp,
                                                    @ForAll boolean tenMillisecondFrames,
                                                    @ForAll @IntRange(min = 0, max = 19) int pullPhaseMillis,
                                                    @ForAll @IntRange(min = 0, max = 3) int minDelayFrames) {
        JitterOptions base = tenMillisecondFrames ? JitterOptions.LOW_LATENCY : JitterOptions.DEFAULT;
        JitterOptions options = base.withMinDelay(Duration.ofMillis((long) minDelayFrames * base.frameMillis()));
        int frame = options.frameSamples();
        long frameNanos = options.frameMillis() * 1_000_000L;

        // The speaker's side: frames at their times, timestamps one frame apart, pauses skipping some.
        List<Arrival> arrivals = new ArrayList<>();
        List<Long> slotOfFrame = new ArrayList<>();
        long slot = firstTimestamp & 0xFFFF_FFFFL;
        long sent = 0;
        for (int i = 0; i < schedule.size(); i++) {
            FrameEvent e = schedule.get(i);
            slot += (long) e.pauseFrames() * frame;
            sent += e.pauseFrames() * frameNanos;
            slotOfFrame.add(slot);
            byte[] payload = {(byte) (i >>> 8), (byte) i, 1};
            long arrival = sent + 10_000_000L + e.delayMillis() * 1_000_000L;
            if (!e.lost()) {
                arrivals.add(new Arrival(arrival, i, slot, payload));
            }
            for (int c = 0; c < e.copies(); c++) {
                arrivals.add(new Arrival(arrival + (long) (c + 1) * e.copyDelayMillis() * 1_000_000L, i, slot, payload));
            }
            slot += frame;
            sent += frameNanos;
        }
        arrivals.sort(Comparator.comparingLong(Arrival::nanos));

        JitterBuffer buffer = new JitterBuffer(options);
        JitterBuffer.Playout playout = new JitterBuffer.Playout();
        long maxDepthMillis = options.maxDelay().toMillis();
        long lastArrival = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1).nanos();
        long end = lastArrival + options.maxDelay().toNanos() + options.concealLimit().toNanos() + 4 * frameNanos;

        long accepted = 0;
        long overflowOnArrival = 0;
        long offered = 0;
        long previousSlot = Long.MIN_VALUE;
        boolean silenceSincePrevious = true;
        long stretchedAt = Long.MIN_VALUE;
        int a = 0;
        long pulls = 0;
        for (long t = pullPhaseMillis * 1_000_000L; t <= end; t += frameNanos) {
            while (a < arrivals.size() && arrivals.get(a).nanos() <= t) {
                Arrival arrival = arrivals.get(a++);
                JitterBuffer.Arrival outcome = buffer.offer((int) arrival.slot(), arrival.payload(), arrival.nanos());
                offered++;
                if (outcome == JitterBuffer.Arrival.ACCEPTED) {
                    accepted++;
                } else if (outcome == JitterBuffer.Arrival.OVERFLOW) {
                    overflowOnArrival++;
                }
                assertThat(buffer.depthMillis()).isBetween(0, (int) maxDepthMillis);
            }

            JitterBuffer.Kind kind = buffer.pull(t, playout);
            pulls++;
            assertThat(kind).isNotNull().isEqualTo(playout.kind());
            assertThat(buffer.depthMillis()).isBetween(0, (int) maxDepthMillis);
            assertThat(buffer.targetMillis()).isBetween((int) options.minDelay().toMillis(), (int) maxDepthMillis);
            Statistics.label("kind").collect(kind);

            switch (kind) {
                case SILENCE -> {
                    silenceSincePrevious = true;
                    stretchedAt = Long.MIN_VALUE;
                    assertThat(playout.payload()).isNull();
                }
                case STRETCH -> {
                    assertThat(playout.payload()).isNull();
                    if (!silenceSincePrevious) {
                        assertThat(playout.slot()).isEqualTo(previousSlot + frame);
                    }
                    stretchedAt = playout.slot();
                }
                case PACKET, FEC, PLC -> {
                    long s = playout.slot();
                    assertThat(s).as("frames come out in order, each once").isGreaterThan(previousSlot);
                    if (!silenceSincePrevious) {
                        assertThat(s).as("one frame apart within a spurt").isEqualTo(previousSlot + frame);
                    }
                    if (stretchedAt != Long.MIN_VALUE) {
                        assertThat(s).as("a stretch waits on the frame it names").isEqualTo(stretchedAt);
                    }
                    if (kind == JitterBuffer.Kind.PACKET) {
                        assertThat(timestampOf(slotOfFrame, playout.payload())).as("the frame's own packet").isEqualTo((int) s);
                    } else if (kind == JitterBuffer.Kind.FEC) {
                        assertThat(timestampOf(slotOfFrame, playout.payload())).as("the next frame's packet").isEqualTo((int) (s + frame));
                    } else {
                        assertThat(playout.payload()).isNull();
                    }
                    previousSlot = s;
                    silenceSincePrevious = false;
                    stretchedAt = Long.MIN_VALUE;
                }
            }
        }

        // It always falls silent, with nothing left, once nothing more arrives.
        assertThat(playout.kind()).isEqualTo(JitterBuffer.Kind.SILENCE);
        assertThat(buffer.buffered()).isZero();
        assertThat(buffer.resyncs()).isZero();
        // Every packet is accounted for, once.
        assertThat(offered).isEqualTo(arrivals.size());
        assertThat(accepted + buffer.late() + buffer.duplicates() + overflowOnArrival + buffer.invalid()).isEqualTo(offered);
        assertThat(buffer.accepted()).isEqualTo(accepted);
        assertThat(buffer.played() + (buffer.overflow() - overflowOnArrival)).isEqualTo(accepted);
        assertThat(buffer.invalid()).isZero();
        Statistics.label("late").collect(buffer.late() > 0);
        Statistics.label("duplicates").collect(buffer.duplicates() > 0);
        Statistics.label("fec").collect(buffer.fecFrames() > 0);
        Statistics.label("stretch").collect(buffer.stretchFrames() > 0);
        Statistics.label("overflow").collect(buffer.overflow() > 0);
        Statistics.label("late").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("duplicates").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("fec").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("stretch").coverage(c -> c.check(true).percentage(p -> p > 5));
        Statistics.label("overflow").coverage(c -> c.check(true).count(n -> n > 0));
    }

    /**
     * Garbage in: any timestamps (off the grid, jumping, repeated), empty payloads, arrival times
     * that wander. Still one answer per pull, bounds kept, no exception; and between restarts
     * (a sender whose clock jumped) frames still come out in order, one frame apart within a spurt.
     */
    @Property(tries = 300)
    void garbageNeverBreaksCadenceOrBounds(@ForAll("garbage") List<int[]> events, @ForAll boolean tenMillisecondFrames) {
        JitterOptions options = tenMillisecondFrames ? JitterOptions.LOW_LATENCY : JitterOptions.DEFAULT;
        int frame = options.frameSamples();
        JitterBuffer buffer = new JitterBuffer(options);
        JitterBuffer.Playout playout = new JitterBuffer.Playout();
        long now = 0;
        long previousSlot = Long.MIN_VALUE;
        boolean silenceSincePrevious = true;
        long resyncs = 0;
        for (int[] e : events) {
            now += e[2] * 100_000L;
            if (e[0] == 0) {
                byte[] payload = e[3] == 0 ? new byte[0] : new byte[] {1};
                buffer.offer(e[1], payload, now);
            } else {
                JitterBuffer.Kind kind = buffer.pull(now, playout);
                assertThat(kind).isNotNull();
                if (buffer.resyncs() != resyncs) {
                    resyncs = buffer.resyncs();
                    previousSlot = Long.MIN_VALUE;
                    silenceSincePrevious = true;
                }
                if (kind == JitterBuffer.Kind.SILENCE) {
                    silenceSincePrevious = true;
                } else if (kind != JitterBuffer.Kind.STRETCH) {
                    assertThat(playout.slot()).isGreaterThan(previousSlot);
                    if (!silenceSincePrevious) {
                        assertThat(playout.slot()).isEqualTo(previousSlot + frame);
                    }
                    previousSlot = playout.slot();
                    silenceSincePrevious = false;
                }
            }
            assertThat(buffer.depthMillis()).isBetween(0, (int) options.maxDelay().toMillis());
        }
    }

    @Provide
    Arbitrary<List<int[]>> garbage() {
        Arbitrary<Integer> timestamps = Arbitraries.oneOf(
                Arbitraries.integers(),
                Arbitraries.integers().between(0, 40).map(i -> i * 960),
                Arbitraries.integers().between(0, 40).map(i -> i * 480 + 7),
                Arbitraries.integers().between(-40, 40).map(i -> Integer.MAX_VALUE + i * 960));
        Arbitrary<int[]> event = Combinators.combine(
                Arbitraries.integers().between(0, 1), timestamps,
                Arbitraries.integers().between(0, 30_000), Arbitraries.integers().between(0, 8))
                .as((kind, ts, step, empty) -> new int[] {kind, ts, step, empty});
        return event.list().ofMaxSize(300);
    }

    /** The 32-bit timestamp the packet was sent with (the buffer unwraps from its first arrival, not from the first sent). */
    private static int timestampOf(List<Long> slotOfFrame, byte[] payload) {
        return (int) (long) slotOfFrame.get(frameOf(payload));
    }

    private static int frameOf(byte[] payload) {
        return (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
    }
}
