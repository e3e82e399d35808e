package dev.confab.client.audio.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.codec.OpusTestCodec;
import dev.confab.client.audio.dsp.TestSignals;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpeakersTest {

    private static final byte[][] PACKETS = OpusTestCodec.encode(TestSignals.speech(100 * 960, 4), 960, 24_000);

    @Test
    void aStreamPerSpeakerFromTheirFirstPacket() {
        AtomicLong clock = new AtomicLong(1_000);
        Speakers speakers = new Speakers(JitterOptions.DEFAULT, Duration.ofSeconds(5), 8, clock::get);
        assertThat(speakers.streams()).isEmpty();
        speakers.audio(300, 0, 0, PACKETS[0]);
        speakers.audio(-5, 0, 0, PACKETS[0]);
        speakers.audio(100, 0, 0, PACKETS[0]);
        speakers.audio(300, 960, 0, PACKETS[1]);
        assertThat(speakers.size()).isEqualTo(3);
        assertThat(speakers.created()).isEqualTo(3);
        assertThat(speakers.streams()).extracting(SpeakerStream::speaker).containsExactly(-5L, 100L, 300L);
        assertThat(speakers.get(300).stats(clock.get()).packets()).isEqualTo(2);
        assertThat(speakers.get(301)).isNull();
        assertThat(speakers.stats(clock.get())).extracting(SpeakerStats::speaker).containsExactly(-5L, 100L, 300L);
        assertThat(speakers.get(100).talking(clock.get())).isTrue();

        SpeakerStream[] before = speakers.streams();
        assertThat(speakers.remove(100)).isTrue();
        assertThat(speakers.remove(100)).isFalse();
        assertThat(speakers.streams()).extracting(SpeakerStream::speaker).containsExactly(-5L, 300L);
        assertThat(before).hasSize(3); // a reader's snapshot stays as it was
        speakers.clear();
        assertThat(speakers.size()).isZero();
    }

    @Test
    void silentStreamsAreLetGo() {
        AtomicLong clock = new AtomicLong(0);
        Speakers speakers = new Speakers(JitterOptions.DEFAULT, Duration.ofSeconds(5), 8, clock::get);
        short[] frame = new short[960];
        for (int f = 0; f < 50; f++, clock.addAndGet(20_000_000L)) {
            speakers.audio(1, f * 960, 0, PACKETS[f]);
            if (f < 10) {
                speakers.audio(2, f * 960, 0, PACKETS[f]);
            }
            for (SpeakerStream s : speakers.streams()) {
                s.read(frame, 0, clock.get());
            }
        }
        // Speaker 2 stopped 0.8 s ago: not yet.
        assertThat(speakers.evictSilent(clock.get())).isZero();
        play(speakers, clock, Duration.ofMillis(4300));
        assertThat(speakers.evictSilent(clock.get())).isEqualTo(1);
        assertThat(speakers.streams()).extracting(SpeakerStream::speaker).containsExactly(1L);
        play(speakers, clock, Duration.ofSeconds(2));
        assertThat(speakers.evictSilent(clock.get())).isEqualTo(1);
        assertThat(speakers.evicted()).isEqualTo(2);
        assertThat(speakers.size()).isZero();
        // A new packet brings the speaker back.
        speakers.audio(2, 0, 0, PACKETS[0]);
        assertThat(speakers.created()).isEqualTo(3);
    }

    /** The playback thread's part: every stream read each 20 ms for a while. */
    private static void play(Speakers speakers, AtomicLong clock, Duration duration) {
        short[] frame = new short[960];
        for (long end = clock.get() + duration.toNanos(); clock.get() < end; clock.addAndGet(20_000_000L)) {
            for (SpeakerStream s : speakers.streams()) {
                s.read(frame, 0, clock.get());
            }
        }
    }

    @Test
    void packetsBeyondTheSpeakerLimitAreDroppedAndCounted() {
        Speakers speakers = new Speakers(JitterOptions.DEFAULT, Duration.ofSeconds(5), 2, () -> 0);
        assertThat(speakers.offer(1, 0, PACKETS[0], 0)).isEqualTo(JitterBuffer.Arrival.ACCEPTED);
        assertThat(speakers.offer(2, 0, PACKETS[0], 0)).isEqualTo(JitterBuffer.Arrival.ACCEPTED);
        assertThat(speakers.offer(3, 0, PACKETS[0], 0)).isEqualTo(JitterBuffer.Arrival.OVERFLOW);
        assertThat(speakers.offer(3, 960, PACKETS[1], 0)).isEqualTo(JitterBuffer.Arrival.OVERFLOW);
        assertThat(speakers.droppedNoRoom()).isEqualTo(2);
        assertThat(speakers.size()).isEqualTo(2);
    }

    /**
     * The hand-off under real threads: a network thread files packets for five speakers (and
     * creates and removes streams) while a playback thread reads every stream; nothing is lost
     * track of, nothing throws.
     */
    @Test
    void networkAndPlaybackThreadsTogether() throws Exception {
        AtomicLong clock = new AtomicLong(0);
        Speakers speakers = new Speakers(JitterOptions.DEFAULT, Duration.ofSeconds(5), 16, clock::get);
        int frames = 3000;
        AtomicLong filed = new AtomicLong();
        CompletableFuture<Void> network = CompletableFuture.runAsync(() -> {
            for (int f = 0; f < frames; f++) {
                for (long s = 1; s <= 5; s++) {
                    speakers.audio(s, f * 960, 0, PACKETS[f % PACKETS.length]);
                }
                if (f % 500 == 250) {
                    speakers.remove(9);
                } else if (f % 500 == 0) {
                    speakers.audio(9, f * 960, 0, PACKETS[0]);
                }
                filed.set(f + 1);
                // Stay within a frame or two of the playback clock, both ways.
                while (clock.get() < (f - 2) * 20_000_000L) {
                    Thread.onSpinWait();
                }
            }
        });
        short[] frame = new short[960];
        long[] nonSilent = new long[6];
        while (!network.isDone() || clock.get() < frames * 20_000_000L + 500_000_000L) {
            long now = clock.get();
            for (SpeakerStream s : speakers.streams()) {
                if (s.read(frame, 0, now) != JitterBuffer.Kind.SILENCE && s.speaker() <= 5) {
                    nonSilent[(int) s.speaker()]++;
                }
            }
            while (!network.isDone() && filed.get() * 20_000_000L < now) {
                Thread.onSpinWait();
            }
            clock.addAndGet(20_000_000L);
        }
        network.get(10, TimeUnit.SECONDS);
        for (long s = 1; s <= 5; s++) {
            SpeakerStats stats = speakers.get(s).stats(clock.get());
            assertThat(stats.packets()).isEqualTo(frames);
            assertThat(stats.played() + stats.late() + stats.overflow() + stats.duplicates() + stats.invalid())
                    .as("every packet accounted for: %s", stats).isEqualTo(frames);
            assertThat(stats.played()).isGreaterThan(frames * 9L / 10);
            assertThat(nonSilent[(int) s]).isGreaterThan(frames * 9L / 10);
        }
    }
}
