package dev.confab.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void sequenceZeroAndNegativesAreNeverFresh() {
        for (long sequence : new long[] {0, -1, -64, Long.MIN_VALUE}) {
            assertThat(window.isFresh(sequence)).isFalse();
            assertThat(window.accept(sequence)).isFalse();
        }
        assertThat(window.highest()).isZero();
        assertThat(window.accept(1)).isTrue();
        assertThat(window.accept(0)).isFalse();
    }

    @Test
    void aSequenceIsAcceptedOnce() {
        assertThat(window.accept(1)).isTrue();
        assertThat(window.isFresh(1)).isFalse();
        assertThat(window.accept(1)).isFalse();
        assertThat(window.highest()).isEqualTo(1);
    }

    @Test
    void outOfOrderWithinTheWindowIsAcceptedOnceEach() {
        assertThat(window.accept(100)).isTrue();
        assertThat(window.accept(98)).isTrue();
        assertThat(window.accept(99)).isTrue();
        assertThat(window.accept(37)).as("highest - 63, the oldest still tracked").isTrue();
        assertThat(window.accept(36)).as("highest - 64").isFalse();
        assertThat(window.accept(98)).isFalse();
        assertThat(window.accept(37)).isFalse();
        assertThat(window.isFresh(97)).isTrue();
        assertThat(window.highest()).isEqualTo(100);
    }

    @Test
    void movingUpKeepsWhatIsStillInsideTheWindow() {
        window.accept(10);
        window.accept(8);
        assertThat(window.accept(70)).isTrue();
        assertThat(window.isFresh(8)).as("now below the window").isFalse();
        assertThat(window.isFresh(10)).as("inside, and seen").isFalse();
        assertThat(window.isFresh(9)).as("inside, unseen").isTrue();
        assertThat(window.accept(73)).isTrue();
        assertThat(window.isFresh(10)).as("age 63, still remembered").isFalse();
        assertThat(window.accept(74)).isTrue();
        assertThat(window.isFresh(10)).as("age 64, gone").isFalse();
        assertThat(window.isFresh(11)).isTrue();
    }

    @Test
    void aHugeJumpForgetsEverythingBelowIt() {
        window.accept(5);
        assertThat(window.accept(1L << 40)).isTrue();
        assertThat(window.isFresh(5)).isFalse();
        assertThat(window.isFresh((1L << 40) - 1)).isTrue();
        assertThat(window.isFresh((1L << 40) - 64)).isFalse();
    }

    @Test
    void longMaxValueIsTheLastSequenceAndTheWindowStillWorksUnderIt() {
        assertThat(window.accept(Long.MAX_VALUE)).isTrue();
        assertThat(window.accept(Long.MAX_VALUE)).isFalse();
        assertThat(window.accept(Long.MAX_VALUE - 63)).isTrue();
        assertThat(window.accept(Long.MAX_VALUE - 63)).isFalse();
        assertThat(window.accept(Long.MAX_VALUE - 64)).isFalse();
        assertThat(window.accept(Long.MAX_VALUE - 1)).isTrue();
        assertThat(window.isFresh(Long.MIN_VALUE)).as("what comes after MAX_VALUE when it wraps").isFalse();
        assertThat(window.highest()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theWindowIsSixtyFour() {
        assertThat(ReplayWindow.SIZE).isEqualTo(64);
        for (long sequence = 1; sequence <= 64; sequence++) {
            assertThat(window.accept(sequence)).isTrue();
        }
        for (long sequence = 1; sequence <= 64; sequence++) {
            assertThat(window.isFresh(sequence)).isFalse();
        }
        assertThat(window.accept(65)).isTrue();
        assertThat(window.isFresh(1)).isFalse();
        assertThat(window.isFresh(66)).isTrue();
    }
}
