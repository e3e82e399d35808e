package dev.confab.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link ReplayWindow} against the plainest model: the set of every sequence ever accepted and
 * the highest of them. A sequence is fresh iff it is positive (sequences start at 1), above
 * highest - 64, and not in the set. Since the set is never pruned, "unseen" here means never
 * accepted at all, however long ago.
 */
class ReplayWindowProperties {

    /** The model. */
    static final class SetWindow {
        final Set<Long> accepted = new HashSet<>();
        long highest;

        boolean isFresh(long sequence) {
            return sequence > 0 && sequence > highest - ReplayWindow.SIZE && !accepted.contains(sequence);
        }

        boolean accept(long sequence) {
            if (!isFresh(sequence)) {
                return false;
            }
            accepted.add(sequence);
            highest = Math.max(highest, sequence);
            return true;
        }
    }

    /** Where an operation's sequence comes from: a fixed value, or relative to the highest so far. */
    enum Anchor { ABSOLUTE, RELATIVE }

    record Op(boolean accept, Anchor anchor, long value) {
        long sequence(long highest) {
            if (anchor == Anchor.ABSOLUTE) {
                return value;
            }
            long sum = highest + value;
            // Saturate rather than wrap: wrapping would only retest negatives, which ABSOLUTE covers.
            return value > 0 && sum < highest ? Long.MAX_VALUE : sum;
        }
    }

    @Property(tries = 3000)
    void behavesLikeTheSetModel(@ForAll("operations") List<Op> ops) {
        ReplayWindow window = new ReplayWindow();
        SetWindow model = new SetWindow();
        for (Op op : ops) {
            long sequence = op.sequence(model.highest);
            if (op.accept) {
                assertThat(window.accept(sequence)).as("accept(%d) after highest %d", sequence, model.highest)
                        .isEqualTo(model.accept(sequence));
            } else {
                assertThat(window.isFresh(sequence)).as("isFresh(%d) after highest %d", sequence, model.highest)
                        .isEqualTo(model.isFresh(sequence));
            }
            assertThat(window.highest()).isEqualTo(model.highest);
        }
        // And the final state, probed around the top of the window and at the edges.
        for (long delta = -2 * ReplayWindow.SIZE; delta <= 2; delta++) {
            long sequence = model.highest + delta;
            assertThat(window.isFresh(sequence)).as("isFresh(%d)", sequence).isEqualTo(model.isFresh(sequence));
        }
        for (long sequence : new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}) {
            assertThat(window.isFresh(sequence)).as("isFresh(%d)", sequence).isEqualTo(model.isFresh(sequence));
        }
    }

    /** isFresh is a pure question: asking anything leaves every later answer as it was. */
    @Property(tries = 1000)
    void isFreshNeverChangesState(@ForAll("operations") List<Op> history, @ForAll("operations") List<Op> questions) {
        ReplayWindow asked = new ReplayWindow();
        ReplayWindow untouched = new ReplayWindow();
        SetWindow model = new SetWindow();
        for (Op op : history) {
            long sequence = op.sequence(model.highest);
            model.accept(sequence);
            asked.accept(sequence);
            untouched.accept(sequence);
        }
        long highest = model.highest;
        for (Op op : questions) {
            asked.isFresh(op.sequence(highest));
        }

        assertThat(asked.highest()).isEqualTo(untouched.highest());
        for (Op op : questions) {
            long sequence = op.sequence(highest);
            assertThat(asked.isFresh(sequence)).isEqualTo(untouched.isFresh(sequence));
        }
        for (long delta = -ReplayWindow.SIZE - 1; delta <= 1; delta++) {
            assertThat(asked.isFresh(highest + delta)).isEqualTo(untouched.isFresh(highest + delta));
        }
        // The strongest check: both go on to accept exactly the same things.
        for (Op op : questions) {
            long sequence = op.sequence(highest);
            assertThat(asked.accept(sequence)).isEqualTo(untouched.accept(sequence));
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Long> absolute = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(0, 300)),
                Tuple.of(1, Arbitraries.of(0L, 1L, 63L, 64L, 65L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                        Long.MAX_VALUE - 1, Long.MAX_VALUE - 63, Long.MAX_VALUE - 64, Long.MAX_VALUE - 65,
                        1L << 62, 1L << 32)),
                Tuple.of(1, Arbitraries.longs()));
        Arbitrary<Long> relative = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(-70, 70)),
                Tuple.of(1, Arbitraries.of(-64L, -63L, 63L, 64L, 65L, 1000L, 1L << 40)),
                Tuple.of(1, Arbitraries.longs().between(-1_000_000, 1_000_000)));
        Arbitrary<Op> op = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(true, true, false), absolute).as((a, v) -> new Op(a, Anchor.ABSOLUTE, v)),
                Combinators.combine(Arbitraries.of(true, true, false), relative).as((a, v) -> new Op(a, Anchor.RELATIVE, v)),
                Combinators.combine(Arbitraries.of(true, true, false), relative).as((a, v) -> new Op(a, Anchor.RELATIVE, v)));
        return op.list().ofMaxSize(200).map(ArrayList::new);
    }
}
