package dev.confab.voice.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.BigEndian;
import dev.confab.protocol.SessionCounters;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.link.LinkFrame.Close;
import dev.confab.voice.link.LinkFrame.Hello;
import dev.confab.voice.link.LinkFrame.Open;
import dev.confab.voice.link.LinkFrame.State;
import dev.confab.voice.link.LinkFrame.StatsReply;
import dev.confab.voice.link.LinkFrame.TunnelOut;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkCodecTest {
    final CodecEnds ends = new CodecEnds();

    @AfterEach
    void close() {
        ends.close();
    }

    @Test
    void framesSurviveTheTripInOrderEvenByteByByte() {
        byte[] wire = ends.wire(new Hello(null, 7700), new Open(FakeControl.spec(3)), new State(3, true, false),
                new TunnelOut(3, new byte[] {1, 2, 3}), new Close(3));
        List<LinkFrame> frames = new java.util.ArrayList<>();
        for (byte b : wire) {
            frames.addAll(ends.feed(new byte[] {b}));
        }
        assertThat(frames).hasSize(5);
        assertThat(frames.get(0)).isEqualTo(new Hello(null, 7700));
        assertThat(((Open) frames.get(1)).session().key()).isEqualTo(FakeControl.spec(3).key());
        assertThat(frames.get(2)).isEqualTo(new State(3, true, false));
        assertThat(((TunnelOut) frames.get(3)).packet()).containsExactly(1, 2, 3);
        assertThat(frames.get(4)).isEqualTo(new Close(3));
    }

    @Test
    void theLengthIsInClearAndTheRestIsNot() {
        byte[] wire = ends.wire(new Open(FakeControl.spec(3)));
        assertThat(BigEndian.getInt(wire, 0)).isEqualTo(wire.length - 4);
        String text = new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("person-3").doesNotContain("sessionId");
    }

    @Test
    void aWrongSecretDoesNotOpen() {
        CodecEnds wrong = new CodecEnds(LinkServerTest.SECRET, "some other secret that is long enough!!".getBytes());
        try {
            byte[] wire = wrong.wire(new Hello(null, 0));
            assertThatThrownBy(() -> wrong.feed(wire)).isInstanceOf(DecoderException.class)
                    .hasCauseInstanceOf(LinkException.class).hasMessageContaining("did not open");
        } finally {
            wrong.close();
        }
    }

    @Test
    void everyAlteredByteIsCaught() {
        byte[] wire = ends.wire(new State(1, true, true));
        for (int i = 4; i < wire.length; i++) {
            CodecEnds fresh = new CodecEnds();
            try {
                byte[] good = fresh.wire(new State(1, true, true));
                good[i] ^= (byte) 0x80;
                assertThatThrownBy(() -> fresh.feed(good)).hasCauseInstanceOf(LinkException.class);
            } finally {
                fresh.close();
            }
        }
    }

    @Test
    void reorderedAndReplayedFramesDoNotOpen() {
        byte[] first = ends.wire(new Close(1));
        byte[] second = ends.wire(new Close(2));
        assertThatThrownBy(() -> ends.feed(second)).hasCauseInstanceOf(LinkException.class);

        CodecEnds other = new CodecEnds();
        try {
            byte[] once = other.wire(new Close(1));
            assertThat(other.feed(once)).containsExactly(new Close(1));
            assertThatThrownBy(() -> other.feed(once)).hasCauseInstanceOf(LinkException.class);
        } finally {
            other.close();
        }
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void afterAFailureTheRestIsDiscarded() {
        byte[] good = ends.wire(new Close(1), new Close(2));
        byte[] bad = good.clone();
        bad[10] ^= 1;
        assertThatThrownBy(() -> ends.feed(bad)).hasCauseInstanceOf(LinkException.class);
        assertThat(ends.feed(good)).isEmpty();
    }

    @Test
    void lengthsOutOfBoundsFailAtOnce() {
        assertThatThrownBy(() -> ends.feed(new byte[] {0, 1, 0, 1})).hasCauseInstanceOf(LinkException.class)
                .hasMessageContaining("65537");
        CodecEnds other = new CodecEnds();
        try {
            assertThatThrownBy(() -> other.feed(new byte[] {0, 0, 0, 16})).hasMessageContaining("out of bounds");
        } finally {
            other.close();
        }
        CodecEnds third = new CodecEnds();
        try {
            assertThatThrownBy(() -> third.feed(new byte[] {(byte) 0xff, 0, 0, 0})).hasMessageContaining("out of bounds");
        } finally {
            third.close();
        }
    }

    @Test
    void aBadGreetingIsRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new LinkDecoder());
        byte[] greeting = LinkKeys.greeting(LinkKeys.newNonce());
        greeting[12] = '2';
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(greeting)))
                .hasMessageContaining("not a Confab link");
        channel.finishAndReleaseAll();
    }

    @Test
    void keysDifferByDirectionAndByNonce() {
        byte[] chat = LinkKeys.newNonce();
        byte[] voice = LinkKeys.newNonce();
        byte[] plain = {1, 2, 3};
        byte[] aad = {0, 0, 0, 19};
        LinkKeys keys = LinkKeys.derive(LinkServerTest.SECRET, chat, voice);
        byte[] up = keys.sealer(true).seal(plain, 0, 3, aad);
        byte[] down = keys.sealer(false).seal(plain, 0, 3, aad);
        byte[] again = LinkKeys.derive(LinkServerTest.SECRET, chat, LinkKeys.newNonce()).sealer(true).seal(plain, 0, 3, aad);
        assertThat(up).isNotEqualTo(down).isNotEqualTo(again);
        assertThat(keys.toString()).doesNotContain(Arrays.toString(up));
    }

    @Test
    void largeStatsComeInPartsThatEachFitAFrame() {
        RelayStats stats = FakeControl.stats(5000);
        List<StatsReply> parts = LinkFrames.statsReplies(7, stats);
        assertThat(parts).hasSizeGreaterThan(5);
        assertThat(parts.subList(0, parts.size() - 1)).noneMatch(StatsReply::last);
        assertThat(parts.get(parts.size() - 1).last()).isTrue();
        assertThat(parts).allSatisfy(part -> assertThat(LinkFrames.encode(part).length)
                .isLessThanOrEqualTo(LinkFrames.MAX_PLAIN_BYTES));
        assertThat(parts.stream().flatMap(part -> part.stats().sessions().stream()).toList())
                .isEqualTo(stats.sessions());
        assertThat(LinkFrames.statsReplies(8, FakeControl.stats(0))).hasSize(1)
                .allSatisfy(part -> assertThat(part.last()).isTrue());

        List<SessionCounters> withAGiant = new java.util.ArrayList<>(FakeControl.stats(2).sessions());
        withAGiant.add(1, new SessionCounters(9, "x".repeat(70_000), 1, "udp", stats.total()));
        List<StatsReply> skipped = LinkFrames.statsReplies(9, new RelayStats(stats.total(), withAGiant));
        assertThat(skipped).singleElement().satisfies(part -> assertThat(part.stats().sessions())
                .isEqualTo(FakeControl.stats(2).sessions()));
    }

    @Test
    void malformedBodiesNameOnlyTheirType() throws Exception {
        byte[] open = LinkFrames.encode(new Open(FakeControl.spec(5)));
        byte[] cut = Arrays.copyOf(open, open.length - 20);
        assertThatThrownBy(() -> LinkFrames.decode(cut)).isInstanceOf(LinkException.class)
                .hasMessage("malformed OPEN frame");
        byte[] noKey = ("\u0002{\"sessionId\":5,\"name\":\"x\"}").getBytes();
        assertThatThrownBy(() -> LinkFrames.decode(noKey)).hasMessage("malformed OPEN frame");
        assertThatThrownBy(() -> LinkFrames.decode(new byte[] {3, 0, 0})).hasMessage("malformed CLOSE frame");
        assertThatThrownBy(() -> LinkFrames.decode(new byte[] {4, 0, 0, 0, 1, 4})).hasMessage("malformed STATE frame");
        assertThatThrownBy(() -> LinkFrames.decode(new byte[] {42})).hasMessage("unknown frame type 42");
        assertThat(LinkFrames.decode(new byte[] {9})).isEqualTo(LinkFrame.Ping.INSTANCE);
    }
}
