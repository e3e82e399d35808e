package dev.confab.voice.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.voice.link.LinkFrame.Close;
import dev.confab.voice.link.LinkFrame.Hello;
import dev.confab.voice.link.LinkFrame.Open;
import dev.confab.voice.link.LinkFrame.State;
import dev.confab.voice.link.LinkFrame.StatsReply;
import dev.confab.voice.link.LinkFrame.StatsRequest;
import dev.confab.voice.link.LinkFrame.TunnelIn;
import dev.confab.voice.link.LinkFrame.TunnelOut;
import dev.confab.voice.control.SessionSpec;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random and cut-short input to every parser of the link: none throws anything but a LinkException. */
class LinkCodecProperties {

    @Property(tries = 2000)
    void anyPlaintextIsAFrameOrALinkException(@ForAll("plaintexts") byte[] plain) {
        try {
            LinkFrame frame = LinkFrames.decode(plain);
            assertThat(frame).isNotNull();
        } catch (LinkException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void everyFrameRoundTrips(@ForAll("frames") LinkFrame frame) throws LinkException {
        byte[] plain = LinkFrames.encode(frame);
        assertThat(LinkFrames.encode(LinkFrames.decode(plain))).isEqualTo(plain);
    }

    @Property(tries = 300)
    void anyBytesAfterTheHandshakeDecodeToNothingOrFailCleanly(@ForAll @Size(max = 300) byte[] noise) {
        CodecEnds ends = new CodecEnds();
        try {
            assertThat(ends.feed(noise)).isEmpty();
        } catch (DecoderException e) {
            assertThat(e.getCause()).isInstanceOf(LinkException.class);
        } finally {
            ends.close();
        }
    }

    @Property(tries = 300)
    void anyBytesAsAGreetingAreAGreetingOrFailCleanly(@ForAll @Size(max = 100) byte[] noise) {
        EmbeddedChannel channel = new EmbeddedChannel(new LinkDecoder());
        try {
            channel.writeInbound(Unpooled.copiedBuffer(noise));
            Object out = channel.readInbound();
            assertThat(out == null || out instanceof LinkDecoder.Greeting).isTrue();
        } catch (DecoderException e) {
            assertThat(e.getCause()).isInstanceOf(LinkException.class);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Property(tries = 300)
    void aStreamCutShortYieldsExactlyTheFramesBeforeTheCut(@ForAll("frameLists") List<LinkFrame> frames,
            @ForAll @IntRange(min = 0, max = 100) int cutPercent, @ForAll @IntRange(min = 1, max = 97) int chunk) {
        CodecEnds ends = new CodecEnds();
        try {
            List<Integer> ends0 = new ArrayList<>();
            byte[] wire = new byte[0];
            for (LinkFrame frame : frames) {
                byte[] one = ends.wire(frame);
                wire = concat(wire, one);
                ends0.add(wire.length);
            }
            int cut = (int) ((long) wire.length * cutPercent / 100);
            List<LinkFrame> got = new ArrayList<>();
            for (int at = 0; at < cut; at += chunk) {
                got.addAll(ends.feed(Arrays.copyOfRange(wire, at, Math.min(cut, at + chunk))));
            }
            long complete = ends0.stream().filter(end -> end <= cut).count();
            assertThat(got).hasSize((int) complete);
            got.addAll(ends.feed(Arrays.copyOfRange(wire, cut, wire.length)));
            assertThat(got).hasSameSizeAs(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(LinkFrames.encode(got.get(i))).isEqualTo(LinkFrames.encode(frames.get(i)));
            }
        } finally {
            ends.close();
        }
    }

    @Property(tries = 300)
    void anAlteredStreamNeverYieldsAnAlteredFrame(@ForAll("frames") LinkFrame frame,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 1, max = 255) int flip) {
        CodecEnds ends = new CodecEnds();
        try {
            byte[] wire = ends.wire(frame);
            wire[position % wire.length] ^= (byte) flip;
            // Either it fails, or (a longer length within bounds) it waits for bytes that never come.
            assertThat(ends.feed(wire)).isEmpty();
        } catch (DecoderException e) {
            assertThat(e.getCause()).isInstanceOf(LinkException.class);
        } finally {
            ends.close();
        }
    }

    @Provide
    Arbitrary<byte[]> plaintexts() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> typed = Combinators.combine(Arbitraries.bytes().between((byte) 0, (byte) 10),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40)).as((type, body) -> concat(new byte[] {type}, body));
        Arbitrary<byte[]> mutated = Combinators.combine(frames(), Arbitraries.integers().between(0, 1000),
                Arbitraries.bytes(), Arbitraries.integers().between(0, 1000)).as((frame, at, value, cut) -> {
                    byte[] plain = LinkFrames.encode(frame);
                    if (plain.length > 1) {
                        plain[1 + at % (plain.length - 1)] = value;
                    }
                    return Arrays.copyOf(plain, Math.max(1, plain.length - cut % plain.length));
                });
        Arbitrary<byte[]> jsonish = Combinators.combine(Arbitraries.of((byte) 1, (byte) 2, (byte) 8),
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"sessionId\"", "\"key\"", "\"stats\"", "\"sessions\"",
                        "\"total\"", "\"last\"", "true", "null", "1", "-1", "\"AAAA\"", "1e999", "\"udpPort\"",
                        "\"udpHost\"", "\"\"").list().ofMaxSize(30))
                .as((type, tokens) -> concat(new byte[] {type}, String.join("", tokens).getBytes()));
        return Arbitraries.oneOf(random, typed, mutated, jsonish);
    }

    @Provide
    Arbitrary<List<LinkFrame>> frameLists() {
        return frames().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<LinkFrame> frames() {
        Arbitrary<Integer> ids = Arbitraries.integers();
        Arbitrary<byte[]> packets = Arbitraries.bytes().array(byte[].class).ofMaxSize(1400);
        Arbitrary<LinkFrame> open = Combinators.combine(ids.filter(id -> id != 0),
                Arbitraries.bytes().array(byte[].class).ofSize(32), Arbitraries.strings().ofMaxLength(32),
                Arbitraries.longs(), Arbitraries.integers().between(0, 510_000), Arbitraries.of(true, false))
                .as((id, key, name, room, bitrate, flag) -> new Open(
                        new SessionSpec(id, key, room ^ 5, name, room, bitrate, flag, !flag, flag)));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("voice.example.org", "10.0.0.7").injectNull(0.5),
                        Arbitraries.integers().between(0, 65_535)).as(Hello::new),
                open,
                ids.map(Close::new),
                Combinators.combine(ids, Arbitraries.of(true, false), Arbitraries.of(true, false)).as(State::new),
                packets.map(TunnelIn::new),
                Combinators.combine(ids, packets).as(TunnelOut::new),
                Arbitraries.longs().map(StatsRequest::new),
                Arbitraries.integers().between(0, 30).map(n -> LinkFrames.statsReplies(n, FakeControl.stats(n)).get(0)),
                Arbitraries.longs().map(n -> new StatsReply(n, true, null, "relay stopped")),
                Arbitraries.just(LinkFrame.Ping.INSTANCE));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
