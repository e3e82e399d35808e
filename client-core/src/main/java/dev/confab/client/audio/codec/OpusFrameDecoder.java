package dev.confab.client.audio.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import java.util.Arrays;

/**
 * One incoming Opus stream (Concentus): 48 kHz mono, frames of 20 ms (960 samples) or, for the
 * low-latency profile, 10 ms (480). Each call writes exactly one frame of {@link #frameSamples()}
 * samples, whatever happens, so the playback clock never loses a beat:
 * <ul>
 *   <li>{@link #decode} a packet that arrived;</li>
 *   <li>{@link #decodeFec} a lost frame rebuilt from the redundancy (SILK's LBRR) the encoder put
 *       into the packet after it. Where that packet carries none (CELT frames, rooms below the
 *       FEC bitrate), Concentus conceals as for PLC, which is no worse;</li>
 *   <li>{@link #conceal} a lost frame with nothing after it (packet loss concealment), which
 *       extrapolates from the last frames and fades.</li>
 * </ul>
 * A packet the decoder cannot read, or one holding a different duration than a frame (a sender
 * on another frame size), is concealed instead and counted in {@link #decodeErrors()}; it never
 * throws. Concentus decodes into a private frame that is then copied out: on some corrupt
 * packets (measured: a CELT table of contents with random bytes after it) it writes before the
 * offset it was given, which must not reach the caller's array. After Concentus fails on a
 * packet the decoder's state is reset, since it may be left half-updated.
 *
 * <p>Not thread-safe: one playback thread owns it. The counters are written by that thread only
 * and may be read from any thread. Concentus allocates a little inside each call; this class adds
 * nothing to it.
 */
public final class OpusFrameDecoder {

    public static final int SAMPLE_RATE = 48_000;
    /** A 20 ms frame, the default. */
    public static final int FRAME_20_MS = 960;
    /** A 10 ms frame, the low-latency profile. */
    public static final int FRAME_10_MS = 480;

    private final OpusDecoder decoder;
    private final int frameSamples;
    /** Where Concentus writes, then copied to the caller's array. */
    private final short[] frame;

    private volatile long framesDecoded;
    private volatile long fecFrames;
    private volatile long plcFrames;
    private volatile long decodeErrors;

    /** A 20 ms decoder. */
    public OpusFrameDecoder() {
        this(FRAME_20_MS);
    }

    /** @param frameSamples {@link #FRAME_20_MS} or {@link #FRAME_10_MS} */
    public OpusFrameDecoder(int frameSamples) {
        if (frameSamples != FRAME_20_MS && frameSamples != FRAME_10_MS) {
            throw new IllegalArgumentException("frameSamples must be " + FRAME_20_MS + " (20 ms) or "
                    + FRAME_10_MS + " (10 ms), not " + frameSamples);
        }
        this.frameSamples = frameSamples;
        this.frame = new short[frameSamples];
        try {
            this.decoder = new OpusDecoder(SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a 48 kHz mono decoder", e);
        }
    }

    /**
     * Decodes the packet {@code packet[offset, offset+length)} into one frame at {@code out[outOffset]}.
     *
     * @return true if it decoded; false if it was unreadable or of the wrong duration, in which case
     *         the frame was concealed (and counted as an error, not as PLC)
     */
    public boolean decode(byte[] packet, int offset, int length, short[] out, int outOffset) {
        checkOut(out, outOffset);
        if (packet == null || length <= 0 || offset < 0 || offset > packet.length - length
                || samplesIn(packet, offset, length) != frameSamples) {
            return failed(out, outOffset);
        }
        if (!run(packet, offset, length, false)) {
            return failed(out, outOffset);
        }
        System.arraycopy(frame, 0, out, outOffset, frameSamples);
        framesDecoded++;
        return true;
    }

    /**
     * Rebuilds a lost frame from the forward error correction in the packet that follows it,
     * {@code next[offset, offset+length)}; that packet must still be decoded normally afterwards.
     *
     * @return true if the next packet was readable (it may still carry no FEC, see the class
     *         comment); false if not, in which case the frame was concealed with PLC
     */
    public boolean decodeFec(byte[] next, int offset, int length, short[] out, int outOffset) {
        checkOut(out, outOffset);
        if (next == null || length <= 0 || offset < 0 || offset > next.length - length
                || samplesIn(next, offset, length) != frameSamples) {
            conceal(out, outOffset);
            return false;
        }
        if (!run(next, offset, length, true)) {
            conceal(out, outOffset);
            return false;
        }
        System.arraycopy(frame, 0, out, outOffset, frameSamples);
        fecFrames++;
        return true;
    }

    /** Conceals a lost frame with nothing after it (Opus PLC). */
    public void conceal(short[] out, int outOffset) {
        checkOut(out, outOffset);
        plc(out, outOffset);
        plcFrames++;
    }

    /** Forgets the past, as for a new stream. */
    public void reset() {
        decoder.resetState();
    }

    public int frameSamples() {
        return frameSamples;
    }

    /** Packets decoded normally. */
    public long framesDecoded() {
        return framesDecoded;
    }

    /** Lost frames rebuilt from the next packet's FEC. */
    public long fecFrames() {
        return fecFrames;
    }

    /** Frames concealed with PLC. */
    public long plcFrames() {
        return plcFrames;
    }

    /** Packets that could not be decoded and were concealed instead. */
    public long decodeErrors() {
        return decodeErrors;
    }

    /**
     * The samples (at 48 kHz) one packet holds, from its table-of-contents byte; 0 if it is not a
     * valid Opus packet. Lets a receiver refuse packets of another frame size before buffering them.
     */
    public static int samplesIn(byte[] packet, int offset, int length) {
        if (packet == null || length <= 0 || offset < 0 || offset > packet.length - length) {
            return 0;
        }
        int n = OpusPacketInfo.getNumSamples(packet, offset, length, SAMPLE_RATE);
        return Math.max(0, n);
    }

    private boolean failed(short[] out, int outOffset) {
        plc(out, outOffset);
        decodeErrors++;
        return false;
    }

    private void plc(short[] out, int outOffset) {
        if (run(null, 0, 0, false)) {
            System.arraycopy(frame, 0, out, outOffset, frameSamples);
        } else {
            Arrays.fill(out, outOffset, outOffset + frameSamples, (short) 0);
        }
    }

    /** One Concentus call into {@link #frame}: whether it gave a whole frame. */
    private boolean run(byte[] packet, int offset, int length, boolean fec) {
        try {
            if (decoder.decode(packet, offset, length, frame, 0, frameSamples, fec) == frameSamples) {
                return true;
            }
        } catch (OpusException | RuntimeException e) {
            // Concentus reports corrupt input both ways (it is a port of C code).
            decoder.resetState();
        }
        return false;
    }

    private void checkOut(short[] out, int outOffset) {
        if (outOffset < 0 || outOffset > out.length - frameSamples) {
            throw new IndexOutOfBoundsException("a frame of " + frameSamples + " samples at " + outOffset
                    + " does not fit an array of " + out.length);
        }
    }
}
