package dev.confab.client.audio.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.chaos.ChaosSchedule;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.client.audio.codec.OpusFrameDecoder;
import dev.confab.client.audio.codec.OpusTestCodec;
import dev.confab.client.audio.dsp.TestSignals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A speaker's stream with real Opus packets, through a simulated bad network. */
class SpeakerStreamTest {

    private static final int FRAME = 960;
    private static final long FRAME_NANOS = 20_000_000L;
    /** Near the sign bit of the 32-bit timestamp, so the stream's timestamps cross it. */
    private static final long FIRST_SLOT = 0x7fff_0000L;

    /** A packet that made it through the network: frame {@code index}, arriving at {@code nanos}. */
    private record Arrival(int index, long nanos) {
        int timestamp() {
            return (int) (FIRST_SLOT + (long) index * FRAME);
        }
    }

    /**
     * Frames sent every 20 ms, each dropped or delayed by client-core's {@link ChaosSchedule} (the
     * chaos simulator's own decisions, so the settings mean what they mean in the engine), sorted
     * by arrival.
     */
    private static List<Arrival> throughChaos(int frames, ChaosSettings chaos, long seed) {
        ChaosSchedule schedule = new ChaosSchedule(seed);
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            long delay = schedule.next(chaos, FRAME_NANOS);
            if (delay != ChaosSchedule.DROP) {
                arrivals.add(new Arrival(i, 5_000_000L + i * FRAME_NANOS + delay));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::nanos));
        return arrivals;
    }

    /**
     * 20 s of synthetic speech at 24 kb/s (wideband, FEC) through 10 % loss, 30 ms of latency, 30 ms
     * jitter and 5 % reordering: what the stream plays, aligned frame by frame with what a lossless
     * receiver decodes, is measurably closer to it than the received packets with silence in the
     * holes.
     */
    @Test
    void concealmentBeatsSilenceUnderChaos() {
        int frames = 1000;
        byte[][] packets = OpusTestCodec.encode(TestSignals.speech(frames * FRAME, 21), FRAME, 24_000);
        short[] clean = OpusTestCodec.decodeAll(packets, FRAME);
        List<Arrival> arrivals = throughChaos(frames, new ChaosSettings(10, 30, 30, 5), 8);

        SpeakerStream stream = new SpeakerStream(42, JitterOptions.DEFAULT);
        short[] played = new short[frames * FRAME];
        short[] silenceInstead = new short[frames * FRAME];
        boolean[] out = new boolean[frames];
        OpusFrameDecoder naive = new OpusFrameDecoder();
        short[] frame = new short[FRAME];
        int gaps = 0;
        int longestGap = 0;
        int gap = 0;
        boolean started = false;
        boolean talkingWhileSent = true;
        int a = 0;
        long end = arrivals.get(arrivals.size() - 1).nanos() + 500_000_000L;
        for (long t = 3_000_000L; t < end; t += FRAME_NANOS) {
            while (a < arrivals.size() && arrivals.get(a).nanos() <= t) {
                Arrival p = arrivals.get(a++);
                stream.offer(p.timestamp(), packets[p.index()], p.nanos());
            }
            JitterBuffer.Kind kind = stream.read(frame, 0, t);
            if (kind == JitterBuffer.Kind.SILENCE) {
                gap++;
                continue;
            }
            if (started && gap > 0 && a < arrivals.size()) {
                gaps += gap;
                longestGap = Math.max(longestGap, gap);
            }
            gap = 0;
            started = true;
            if (a < arrivals.size() - 5 && t > 1_000_000_000L) {
                talkingWhileSent &= stream.talking(t);
            }
            if (kind == JitterBuffer.Kind.STRETCH) {
                continue;
            }
            int f = (int) ((stream.lastSlot() - FIRST_SLOT) / FRAME);
            if (f >= frames) {
                continue; // concealment after the last packet, as the voice fades out
            }
            System.arraycopy(frame, 0, played, f * FRAME, FRAME);
            out[f] = true;
            if (kind == JitterBuffer.Kind.PACKET) {
                naive.decode(packets[f], 0, packets[f].length, silenceInstead, f * FRAME);
            }
        }

        int from = 10;
        int to = frames - 10;
        for (int f = from; f < to; f++) {
            assertThat(out[f]).as("frame %d played or concealed", f).isTrue();
        }
        double snrConcealed = OpusTestCodec.snrDb(clean, played, from * FRAME, (to - from) * FRAME);
        double snrSilence = OpusTestCodec.snrDb(clean, silenceInstead, from * FRAME, (to - from) * FRAME);
        double corrConcealed = TestSignals.correlation(clean, from * FRAME, played, from * FRAME, (to - from) * FRAME);
        double corrSilence = TestSignals.correlation(clean, from * FRAME, silenceInstead, from * FRAME, (to - from) * FRAME);
        SpeakerStats stats = stream.stats(end);
        System.out.printf("Real Opus (24 kb/s WB speech), 10 %% loss, 30 ms jitter, 5 %% reorder: SNR vs lossless decode"
                        + " %.1f dB concealed vs %.1f dB silence-filled; correlation %.3f vs %.3f;"
                        + " FEC %d, PLC %d, stretch %d, late %d (%.2f %%), loss %.1f %%, silent frames in talk %d%n",
                snrConcealed, snrSilence, corrConcealed, corrSilence, stats.fecFrames(), stats.plcFrames(),
                stats.stretchFrames(), stats.late(), stats.latePercent(), stats.lossPercent(), gaps);

        assertThat(stats.fecFrames()).isPositive();
        assertThat(stats.plcFrames()).isPositive();
        assertThat(stats.decodeErrors()).isZero();
        assertThat(longestGap).as("no gap longer than one frame while the speaker talks").isLessThanOrEqualTo(1);
        assertThat(snrConcealed).isGreaterThan(snrSilence + 4);
        assertThat(corrConcealed).isGreaterThan(corrSilence);
        assertThat(stats.lossPercent()).isBetween(8.0, 14.0);
        assertThat(stats.packets()).isEqualTo(arrivals.size());
        assertThat(talkingWhileSent).as("talking all the while speech arrives").isTrue();
        assertThat(stream.talking(end)).as("not talking once nothing arrives").isFalse();
        assertThat(stats.talking()).isFalse();
    }

    /** Talking follows arriving audio, but quiet frames that keep arriving (no DTX) do not count. */
    @Test
    void talkingFollowsArrivingSound() {
        int frames = 200;
        short[] signal = new short[frames * FRAME];
        System.arraycopy(TestSignals.speech(100 * FRAME, 2), 0, signal, 0, 100 * FRAME); // 2 s of speech, 2 s of zeros
        byte[][] packets = OpusTestCodec.encode(signal, FRAME, 24_000);
        SpeakerStream stream = new SpeakerStream(7, JitterOptions.DEFAULT);
        short[] frame = new short[FRAME];
        int talkingInSpeech = 0;
        int talkingInQuiet = 0;
        long t = 0;
        for (int f = 0; f < frames; f++, t += FRAME_NANOS) {
            stream.offer(f * FRAME, packets[f], t);
            stream.read(frame, 0, t);
            if (f >= 10 && f < 100) {
                talkingInSpeech += stream.talking(t) ? 1 : 0;
            }
            if (f >= 115) {
                talkingInQuiet += stream.talking(t) ? 1 : 0;
            }
        }
        assertThat(talkingInSpeech).isEqualTo(90);
        assertThat(talkingInQuiet).isZero();
        assertThat(stream.stats(t).levelDbfs()).isLessThan(-60);

        // Before playback starts, arrivals alone say talking; 200 ms after the last, not.
        SpeakerStream fresh = new SpeakerStream(8, JitterOptions.DEFAULT);
        assertThat(fresh.talking(0)).isFalse();
        fresh.offer(0, packets[0], 1_000_000L);
        assertThat(fresh.talking(150_000_000L)).isTrue();
        assertThat(fresh.talking(202_000_000L)).isFalse();
    }

    @Test
    void packetsOfAnotherFrameSizeAreDroppedAndCounted() {
        byte[][] tenMs = OpusTestCodec.encode(TestSignals.tones(10 * 480), 480, 24_000);
        byte[][] twentyMs = OpusTestCodec.encode(TestSignals.tones(10 * FRAME), FRAME, 24_000);
        SpeakerStream stream = new SpeakerStream(1, JitterOptions.DEFAULT);
        assertThat(stream.offer(0, tenMs[0], 0)).isEqualTo(JitterBuffer.Arrival.INVALID);
        assertThat(stream.offer(0, new byte[0], 0)).isEqualTo(JitterBuffer.Arrival.INVALID);
        assertThat(stream.offer(960, twentyMs[1], 0)).isEqualTo(JitterBuffer.Arrival.ACCEPTED);
        assertThat(stream.offer(960, twentyMs[1], 0)).isEqualTo(JitterBuffer.Arrival.DUPLICATE);
        assertThat(stream.offer(960 + 5, twentyMs[2], 0)).as("off the frame grid").isEqualTo(JitterBuffer.Arrival.INVALID);
        SpeakerStats stats = stream.stats(0);
        assertThat(stats.invalid()).isEqualTo(3);
        assertThat(stats.duplicates()).isEqualTo(1);
        assertThat(stats.packets()).isEqualTo(5);
        assertThat(stats.depthMillis()).isEqualTo(20);
    }

    @Test
    void silenceIsZeros() {
        SpeakerStream stream = new SpeakerStream(1, JitterOptions.LOW_LATENCY);
        short[] frame = new short[500];
        java.util.Arrays.fill(frame, (short) 5);
        assertThat(stream.read(frame, 20, 0)).isEqualTo(JitterBuffer.Kind.SILENCE);
        assertThat(frame[19]).isEqualTo((short) 5);
        for (int i = 20; i < 500; i++) {
            assertThat(frame[i]).isZero();
        }
        assertThat(stream.frameSamples()).isEqualTo(480);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stream.read(frame, 21, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
