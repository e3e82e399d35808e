package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.VoiceCounters;
import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.VoiceClient.Received;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.ArrayArbitrary;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated datagrams, fired at a real relay while alice talks to bob: every one is
 * dropped and counted, none is relayed, and alice's stream arrives complete and in order.
 */
class RelayFuzzProperties {
    private static final int ALICE = 0x1111_0001;
    private static final int BOB = 0x2222_0002;
    private static final int CAROL = 0x3333_0003;

    private static TestRelay relay;
    private static VoiceClient alice;
    private static VoiceClient bob;
    /** Alone in her room: her packets, valid, are the seeds of mutations, and go nowhere. */
    private static VoiceClient carol;
    private static VoiceClient fuzzer;

    @BeforeContainer
    static void start() throws Exception {
        // A clock a second further on at every look: rate budgets are never the reason here.
        AtomicLong clock = new AtomicLong();
        relay = TestRelay.start(() -> clock.addAndGet(1_000_000_000L));
        alice = relay.join(ALICE, 1, 1);
        bob = relay.join(BOB, 2, 1);
        carol = relay.join(CAROL, 3, 9);
        fuzzer = relay.client(relay.spec(0x4444_0004, 4, 1, true));
    }

    @AfterContainer
    static void stop() {
        try {
            // The datagrams reached every reason a packet can be refused for without a valid seal.
            VoiceCounters total = relay.total();
            assertThat(total.droppedMalformed()).isPositive();
            assertThat(total.droppedUnknownSession()).isPositive();
            assertThat(total.droppedBadSeal()).isPositive();
            assertThat(total.droppedReplay()).isPositive();
        } finally {
            relay.close();
        }
    }

    /** One bad datagram, made from a fresh valid packet of carol's (the seed). */
    sealed interface Fuzz {
        byte[] apply(byte[] seed);
    }

    record Garbage(byte[] bytes) implements Fuzz {
        public byte[] apply(byte[] seed) {
            return bytes;
        }
    }

    /** A plausible header (a known session, any flags and sequence) and random bytes after it. */
    record Plausible(int session, long sequence, int flags, long party, byte[] rest) implements Fuzz {
        public byte[] apply(byte[] seed) {
            byte[] packet = new byte[VoicePacket.BASE_HEADER_BYTES + VoicePacket.PARTY_BYTES + rest.length];
            int header = VoicePacket.writeHeader(packet, 0, session, sequence, 0, flags, party);
            System.arraycopy(rest, 0, packet, header, rest.length);
            return Arrays.copyOf(packet, header + rest.length);
        }
    }

    record Flip(int position, int mask) implements Fuzz {
        public byte[] apply(byte[] seed) {
            byte[] packet = seed.clone();
            packet[position % packet.length] ^= (byte) mask;
            return packet;
        }
    }

    record Truncate(int length) implements Fuzz {
        public byte[] apply(byte[] seed) {
            return Arrays.copyOf(seed, length % seed.length);
        }
    }

    record Extend(byte[] tail) implements Fuzz {
        public byte[] apply(byte[] seed) {
            byte[] packet = Arrays.copyOf(seed, seed.length + tail.length);
            System.arraycopy(tail, 0, packet, seed.length, tail.length);
            return packet;
        }
    }

    record Replay() implements Fuzz {
        public byte[] apply(byte[] seed) {
            return seed;
        }
    }

    @Provide
    Arbitrary<List<Fuzz>> datagrams() {
        ArrayArbitrary<Byte, byte[]> bytes = Arbitraries.bytes().array(byte[].class);
        Arbitrary<Fuzz> garbage = bytes.ofMaxSize(1_500).map(Garbage::new);
        Arbitrary<Fuzz> plausible = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of(ALICE, BOB, CAROL, 0), Arbitraries.integers()),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 300), Arbitraries.longs()),
                Arbitraries.integers().between(0, 255),
                Arbitraries.of(0L, 1L, 2L, 3L, 4L, -1L),
                bytes.ofMaxSize(1_400)).as(Plausible::new);
        Arbitrary<Fuzz> flip = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(1, 255)).as(Flip::new);
        Arbitrary<Fuzz> truncate = Arbitraries.integers().between(0, 10_000).map(Truncate::new);
        Arbitrary<Fuzz> extend = bytes.ofMinSize(1).ofMaxSize(1_400).map(Extend::new);
        return Arbitraries.oneOf(garbage, plausible, flip, truncate, extend, Arbitraries.just(new Replay()))
                .list().ofMaxSize(30);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void badDatagramsAreDroppedAndCountedWhileAValidStreamFlows(@ForAll("datagrams") List<Fuzz> fuzz) {
        VoiceCounters before = relay.total();
        byte[] seed = carol.audio(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        List<byte[]> spoken = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < fuzz.size(); i++) {
            byte[] datagram = fuzz.get(i).apply(seed);
            fuzzer.send(datagram);
            if (datagram.length > 0) {
                bad++;
            }
            if (i % 3 == 0) {
                spoken.add(alice.audio(("frame " + i).getBytes()));
            }
        }
        spoken.add(alice.audio("last".getBytes()));

        for (byte[] sent : spoken) {
            Received heard = bob.receive();
            assertThat(heard.party()).isEqualTo(alice.chatSession());
            assertThat(heard.timestamp()).isEqualTo(VoicePacket.timestamp(sent, 0));
        }
        long expectedIn = 1 + bad + spoken.size();
        VoiceCounters after = relay.awaitIn(before, expectedIn);
        assertThat(after.packetsIn() - before.packetsIn()).isEqualTo(expectedIn);
        assertThat(after.relayed() - before.relayed()).isEqualTo(spoken.size());
        assertThat(TestRelay.drops(after) - TestRelay.drops(before)).isEqualTo(bad);
    }
}
