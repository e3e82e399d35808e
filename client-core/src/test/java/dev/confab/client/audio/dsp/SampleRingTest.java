package dev.confab.client.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SampleRingTest {

    @Test
    void capacityRoundsUpToAPowerOfTwo() {
        assertThat(new SampleRing(1).capacity()).isEqualTo(1);
        assertThat(new SampleRing(960).capacity()).isEqualTo(1024);
        assertThat(new SampleRing(8192).capacity()).isEqualTo(8192);
        assertThatThrownBy(() -> new SampleRing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullRingKeepsWhatItHasAndDropsTheRestOfTheIncomingBlock() {
        SampleRing ring = new SampleRing(8);
        assertThat(ring.write(new short[] {1, 2, 3, 4, 5, 6}, 0, 6)).isEqualTo(6);
        assertThat(ring.write(new short[] {7, 8, 9, 10}, 0, 4)).isEqualTo(2);
        assertThat(ring.overflowedSamples()).isEqualTo(2);

        short[] out = new short[8];
        assertThat(ring.read(out, 0, 8)).isEqualTo(8);
        assertThat(out).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(ring.write(new short[] {11}, 0, 1)).isEqualTo(1);
        assertThat(ring.overflowedSamples()).isEqualTo(2);
    }

    @Test
    void readFullyTakesAWholeFrameOrNothing() {
        SampleRing ring = new SampleRing(16);
        ring.write(new short[] {1, 2, 3}, 0, 3);
        short[] frame = new short[4];
        assertThat(ring.readFully(frame, 0, 4)).isFalse();
        assertThat(ring.available()).isEqualTo(3);
        ring.write(new short[] {4}, 0, 1);
        assertThat(ring.readFully(frame, 0, 4)).isTrue();
        assertThat(frame).containsExactly(1, 2, 3, 4);
    }

    @Test
    void littleEndianBytesBecomeSignedSamples() {
        SampleRing ring = new SampleRing(4);
        byte[] pcm = {0x01, 0x00, (byte) 0xff, (byte) 0xff, 0x00, (byte) 0x80, (byte) 0xff, 0x7f};
        assertThat(ring.writeLittleEndian(pcm, 0, pcm.length)).isEqualTo(4);
        short[] out = new short[4];
        ring.read(out, 0, 4);
        assertThat(out).containsExactly(1, -1, Short.MIN_VALUE, Short.MAX_VALUE);
        assertThatThrownBy(() -> ring.writeLittleEndian(pcm, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badRangesAreRefused() {
        SampleRing ring = new SampleRing(8);
        assertThatThrownBy(() -> ring.write(new short[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.read(new short[4], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ring.skip(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.awaitAvailable(9, 1, TimeUnit.MILLISECONDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProducerWakesAWaitingConsumerWhenItsFrameIsComplete() throws Exception {
        SampleRing ring = new SampleRing(2048);
        CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
            try {
                long start = System.nanoTime();
                assertThat(ring.awaitAvailable(960, 10, TimeUnit.SECONDS)).isTrue();
                return System.nanoTime() - start;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        ring.write(new short[500], 0, 500); // not a whole frame yet
        Thread.sleep(50);
        assertThat(woke).isNotDone();
        ring.write(new short[460], 0, 460);
        assertThat(woke.get(5, TimeUnit.SECONDS)).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aWaitEndsAtItsTimeoutOrAtAWakeup() throws Exception {
        SampleRing ring = new SampleRing(1024);
        long start = System.nanoTime();
        assertThat(ring.awaitAvailable(10, 30, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return ring.awaitAvailable(10, 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        ring.wakeup();
        assertThat(waiting.get(2, TimeUnit.SECONDS)).isFalse();
    }
}
