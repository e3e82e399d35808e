package dev.confab.client.audio.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.confab.client.audio.dsp.TestSignals;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Speakers as pure tones at distinct frequencies (whole cycles per 20 ms frame, so each falls on
 * one Goertzel bin): each one's level in the mix is measured separately.
 */
class MixerTest {

    private static final int FRAME = 960;
    private static final int FRAMES = 25;
    private static final double AMPLITUDE = 4000;

    private final short[] voiceA = TestSignals.sine(450, AMPLITUDE, FRAMES * FRAME);
    private final short[] voiceB = TestSignals.sine(1000, AMPLITUDE, FRAMES * FRAME);
    private final short[] voiceC = TestSignals.sine(2500, AMPLITUDE, FRAMES * FRAME);

    @Test
    void everySpeakerIsHeardAtTheirVolume() {
        Mixer mixer = new Mixer(FRAME);
        mixer.setVolume(1, 100);
        mixer.setVolume(2, 50);
        mixer.setVolume(3, 150);
        short[] left = mix(mixer, true, true, true).left;

        assertThat(amplitude(left, 450)).isCloseTo(AMPLITUDE, offset(AMPLITUDE * 0.01));
        assertThat(amplitude(left, 1000)).isCloseTo(AMPLITUDE * 0.5, offset(AMPLITUDE * 0.01));
        assertThat(amplitude(left, 2500)).isCloseTo(AMPLITUDE * 1.5, offset(AMPLITUDE * 0.01));
        assertThat(amplitude(left, 1500)).as("nothing else").isLessThan(AMPLITUDE * 0.001);
        assertThat(mixer.volume(2)).isEqualTo(50);
        assertThat(mixer.volume(99)).as("never set").isEqualTo(100);
    }

    @Test
    void muteRemovesOneSpeakerOnly() {
        Mixer mixer = new Mixer(FRAME);
        mixer.setVolume(2, 80);
        mixer.setMuted(2, true);
        Mix mix = mix(mixer, true, true, true);
        assertThat(mix.sourcesPerFrame).isEqualTo(2);
        assertThat(amplitude(mix.left, 1000)).isLessThan(1);
        assertThat(amplitude(mix.left, 450)).isCloseTo(AMPLITUDE, offset(AMPLITUDE * 0.01));
        assertThat(amplitude(mix.left, 2500)).isCloseTo(AMPLITUDE, offset(AMPLITUDE * 0.01));

        mixer.setMuted(2, false);
        assertThat(mixer.volume(2)).as("unmuting keeps the volume").isEqualTo(80);
        assertThat(amplitude(mix(mixer, true, true, true).left, 1000)).isCloseTo(AMPLITUDE * 0.8, offset(AMPLITUDE * 0.01));
        mixer.setVolume(3, 0);
        assertThat(mix(mixer, true, true, true).sourcesPerFrame).isEqualTo(2);
        mixer.forget(3);
        assertThat(mixer.volume(3)).isEqualTo(100);
        assertThat(mixer.muted(3)).isFalse();
    }

    @Test
    void masterVolumeScalesEverything() {
        Mixer mixer = new Mixer(FRAME);
        mixer.setMasterVolume(50);
        short[] left = mix(mixer, true, false, true).left;
        assertThat(amplitude(left, 450)).isCloseTo(AMPLITUDE * 0.5, offset(AMPLITUDE * 0.01));
        assertThat(amplitude(left, 2500)).isCloseTo(AMPLITUDE * 0.5, offset(AMPLITUDE * 0.01));
        assertThat(mixer.masterVolume()).isEqualTo(50);
    }

    @Test
    void stereoChannelsAreEqualAndBytesMatchSamples() {
        Mixer mixer = new Mixer(FRAME);
        mixer.setVolume(3, 200);
        Mix mix = mix(mixer, true, true, true);
        assertThat(mix.left).isEqualTo(mix.right);

        short[] stereo = new short[2 * FRAME];
        byte[] bytes = new byte[4 * FRAME + 4];
        mixer.add(1, voiceA, 0);
        mixer.add(3, voiceC, 0);
        mixer.mixTo(stereo, 0);
        mixer.add(1, voiceA, 0);
        mixer.add(3, voiceC, 0);
        assertThat(mixer.mixToLittleEndian(bytes, 4)).isEqualTo(2);
        for (int i = 0; i < stereo.length; i++) {
            short fromBytes = (short) ((bytes[4 + 2 * i] & 0xff) | bytes[5 + 2 * i] << 8);
            assertThat(fromBytes).isEqualTo(stereo[i]);
        }
    }

    @Test
    void softClippingBoundsTheOutputAndLeavesQuietSoundsAlone() {
        // Below the knee: exact.
        for (int x = -24000; x <= 24000; x += 7) {
            assertThat(Mixer.softClip(x)).isEqualTo((short) x);
        }
        // Above: monotonic, continuous, never past full scale, symmetric.
        short previous = Mixer.softClip(24000);
        for (int x = 24001; x <= 400_000; x += 3) {
            short y = Mixer.softClip(x);
            assertThat(y).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo((short) 32767);
            assertThat((int) y - previous).isLessThanOrEqualTo(3);
            assertThat(Mixer.softClip(-x)).isEqualTo((short) -y);
            previous = y;
        }
        assertThat(Mixer.softClip(Float.MAX_VALUE)).isEqualTo((short) 32767);

        // Three loud speakers at 200 %: the sum would reach 6 times full scale; the mix stays in range.
        Mixer mixer = new Mixer(FRAME);
        short[] loud = TestSignals.sine(450, 32000, FRAME);
        short[] stereo = new short[2 * FRAME];
        for (long speaker = 1; speaker <= 3; speaker++) {
            mixer.setVolume(speaker, 200);
            mixer.add(speaker, loud, 0);
        }
        mixer.mixTo(stereo, 0);
        int peak = 0;
        for (short s : stereo) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isBetween(32000, 32767);
    }

    @Test
    void settingsAreChecked() {
        Mixer mixer = new Mixer(FRAME);
        assertThatThrownBy(() -> mixer.setVolume(1, 201)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mixer.setVolume(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mixer.setMasterVolume(300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mixer.add(1, new short[FRAME], 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> mixer.mixTo(new short[FRAME], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        mixer.add(1, voiceA, 0);
        mixer.discard();
        short[] stereo = new short[2 * FRAME];
        assertThat(mixer.mixTo(stereo, 0)).isZero();
        assertThat(stereo).containsOnly((short) 0);
    }

    /** Ten speakers mixed per frame allocate nothing (HotSpot's per-thread allocation counter). */
    @Test
    void mixingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Mixer mixer = new Mixer(FRAME);
        for (long s = 0; s < 10; s++) {
            mixer.setVolume(s * 1_000_003L, 50 + (int) s * 10);
        }
        short[] stereo = new short[2 * FRAME];
        byte[] bytes = new byte[4 * FRAME];
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int f = 0; f < 1000; f++) {
                for (long s = 0; s < 10; s++) {
                    mixer.add(s * 1_000_003L, voiceA, (f % FRAMES) * FRAME);
                }
                if (f % 2 == 0) {
                    mixer.mixTo(stereo, 0);
                } else {
                    mixer.mixToLittleEndian(bytes, 0);
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round > 0) {
                assertThat(allocated).as("bytes allocated over 1000 frames").isLessThan(1000);
            }
        }
    }

    private record Mix(short[] left, short[] right, int sourcesPerFrame) { }

    private Mix mix(Mixer mixer, boolean a, boolean b, boolean c) {
        short[] left = new short[FRAMES * FRAME];
        short[] right = new short[FRAMES * FRAME];
        short[] stereo = new short[2 * FRAME];
        int sources = 0;
        for (int f = 0; f < FRAMES; f++) {
            if (a) {
                mixer.add(1, voiceA, f * FRAME);
            }
            if (b) {
                mixer.add(2, voiceB, f * FRAME);
            }
            if (c) {
                mixer.add(3, voiceC, f * FRAME);
            }
            sources = mixer.mixTo(stereo, 0);
            for (int i = 0; i < FRAME; i++) {
                left[f * FRAME + i] = stereo[2 * i];
                right[f * FRAME + i] = stereo[2 * i + 1];
            }
        }
        return new Mix(left, right, sources);
    }

    /** The amplitude of the {@code hz} component (Goertzel over the whole signal). */
    private static double amplitude(short[] x, double hz) {
        double w = 2 * Math.PI * hz / TestSignals.RATE;
        double coefficient = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (short sample : x) {
            double s0 = sample + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / x.length;
    }
}
