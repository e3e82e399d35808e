package dev.confab.voice.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.voice.link.LinkDecoder.Greeting;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat end's encoder and a voice end's decoder, each in an {@link EmbeddedChannel}, keyed by a
 * real handshake over a secret.
 */
final class CodecEnds {
    final EmbeddedChannel sender = new EmbeddedChannel(new LinkEncoder());
    final EmbeddedChannel receiver = new EmbeddedChannel(new LinkDecoder());
    private final List<ByteBuf> fed = new ArrayList<>();

    CodecEnds(byte[] senderSecret, byte[] receiverSecret) {
        byte[] chatNonce = LinkKeys.newNonce();
        byte[] voiceNonce = LinkKeys.newNonce();
        sender.pipeline().get(LinkEncoder.class).start(LinkKeys.derive(senderSecret, chatNonce, voiceNonce).sealer(true));
        receiver.writeInbound(Unpooled.wrappedBuffer(LinkKeys.greeting(chatNonce)));
        Greeting greeting = receiver.readInbound();
        assertThat(greeting.nonce()).isEqualTo(chatNonce);
        receiver.pipeline().get(LinkDecoder.class)
                .start(LinkKeys.derive(receiverSecret, chatNonce, voiceNonce).opener(false));
    }

    CodecEnds() {
        this(LinkServerTest.SECRET, LinkServerTest.SECRET);
    }

    /** The bytes the sender puts on the wire for these frames, in order. */
    byte[] wire(LinkFrame... frames) {
        for (LinkFrame frame : frames) {
            assertThat(sender.writeOutbound(frame)).isTrue();
        }
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = sender.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }

    /** Feeds bytes to the receiver; returns what it decoded (exceptions propagate). */
    List<LinkFrame> feed(byte[] bytes) {
        if (bytes.length == 0) {
            return drain();
        }
        ByteBuf buf = Unpooled.copiedBuffer(bytes);
        fed.add(buf);
        receiver.writeInbound(buf);
        return drain();
    }

    List<LinkFrame> drain() {
        List<LinkFrame> frames = new ArrayList<>();
        Object frame;
        while ((frame = receiver.readInbound()) != null) {
            frames.add((LinkFrame) frame);
        }
        return frames;
    }

    /** Closes both channels and checks that every buffer fed to the decoder was released. */
    void close() {
        sender.finishAndReleaseAll();
        receiver.finishAndReleaseAll();
        assertThat(fed).as("the decoder released its input").allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }
}
