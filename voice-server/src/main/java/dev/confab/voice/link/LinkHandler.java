package dev.confab.voice.link;

import dev.confab.voice.link.LinkDecoder.Greeting;
import dev.confab.voice.link.LinkFrame.Hello;
import dev.confab.voice.link.LinkFrame.Ping;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One end of one link, both roles: the greeting exchange, the keys, the two hellos, keep-alives,
 * and closing on anything wrong. Subclasses see the peer's hello ({@link #onUp}), every frame
 * after it ({@link #onFrame}), and the end ({@link #onDown}, exactly once per channel, with the
 * reason when this end closed it). Runs on the channel's event loop. Not sharable.
 */
public abstract class LinkHandler extends ChannelInboundHandlerAdapter {
    /** A link must finish its handshake (greetings and hellos) within this. */
    public static final int HANDSHAKE_SECONDS = 10;
    /** An end that has sent nothing for this long sends a PING. */
    public static final int PING_SECONDS = 5;
    /** An end that has heard nothing for this long closes the link: the peer is gone. */
    public static final int SILENCE_SECONDS = 20;

    private final boolean chatSide;
    private final byte[] secret;
    private final byte[] nonce = LinkKeys.newNonce();
    private boolean up;
    private String reason;

    /** {@code secret} is kept by reference, not copied: the owner holds it for every link. */
    protected LinkHandler(boolean chatSide, byte[] secret) {
        this.chatSide = chatSide;
        this.secret = secret;
    }

    /** Builds a link's pipeline ending in {@code handler}. */
    public static void initPipeline(ChannelPipeline pipeline, LinkHandler handler) {
        pipeline.addLast("idle", new IdleStateHandler(SILENCE_SECONDS, PING_SECONDS, 0));
        pipeline.addLast("decoder", new LinkDecoder());
        pipeline.addLast("encoder", new LinkEncoder());
        pipeline.addLast("link", handler);
    }

    /**
     * A promise for writes whose failure does not matter, like a tunnel packet on a link that has
     * just closed: unlike {@link io.netty.channel.Channel#voidPromise()} it raises no exception
     * event. Reusable for every such write on the channel.
     */
    public static ChannelPromise quietPromise(Channel channel) {
        return new VoidChannelPromise(channel, false);
    }

    /** The hello this end sends: the voice node's names its UDP endpoint. */
    protected abstract Hello ownHello();

    /** The peer proved it holds the secret; frames may flow both ways. */
    protected abstract void onUp(ChannelHandlerContext ctx, Hello peer);

    protected abstract void onFrame(ChannelHandlerContext ctx, LinkFrame frame);

    /**
     * The link is gone. {@code reason} is why this end closed it (null when the peer closed it, or
     * this end's owner did); the subclass logs the one line that says so.
     */
    protected abstract void onDown(ChannelHandlerContext ctx, boolean wasUp, String reason);

    /** Whether the peer's hello has arrived and the link carries frames. */
    protected final boolean isUp() {
        return up;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.executor().schedule(() -> {
            if (!up && ctx.channel().isActive()) {
                fail(ctx, "no handshake within " + HANDSHAKE_SECONDS + " s");
            }
        }, HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        if (chatSide) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkKeys.greeting(nonce)), ctx.voidPromise());
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (reason != null) {
            return;
        }
        if (msg instanceof Greeting greeting) {
            if (!chatSide) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(LinkKeys.greeting(nonce)), ctx.voidPromise());
            }
            LinkKeys keys = chatSide
                    ? LinkKeys.derive(secret, nonce, greeting.nonce())
                    : LinkKeys.derive(secret, greeting.nonce(), nonce);
            ctx.pipeline().get(LinkDecoder.class).start(keys.opener(chatSide));
            ctx.pipeline().get(LinkEncoder.class).start(keys.sealer(chatSide));
            if (chatSide) {
                // The voice node answers only once this opens: proof that we hold the secret.
                ctx.writeAndFlush(ownHello(), ctx.voidPromise());
            }
        } else if (msg instanceof LinkFrame frame) {
            if (!up) {
                if (!(frame instanceof Hello hello)) {
                    fail(ctx, "the first frame was not a HELLO");
                    return;
                }
                up = true;
                if (!chatSide) {
                    ctx.writeAndFlush(ownHello(), ctx.voidPromise());
                }
                onUp(ctx, hello);
            } else if (frame instanceof Hello) {
                fail(ctx, "a second HELLO");
            } else if (!(frame instanceof Ping)) {
                onFrame(ctx, frame);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                fail(ctx, "nothing heard for " + SILENCE_SECONDS + " s");
            } else if (idle.state() == IdleState.WRITER_IDLE && up) {
                ctx.writeAndFlush(Ping.INSTANCE, ctx.voidPromise());
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable why = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (why instanceof LinkException) {
            fail(ctx, why.getMessage());
        } else if (why instanceof IOException) {
            fail(ctx, why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage());
        } else {
            fail(ctx, "internal error: " + why);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        onDown(ctx, up, reason);
        super.channelInactive(ctx);
    }

    /** Closes the link for a reason that goes in its closing log line; the first reason wins. */
    protected final void fail(ChannelHandlerContext ctx, String why) {
        if (reason == null && ctx.channel().isActive()) {
            reason = why;
        }
        ctx.close();
    }
}
