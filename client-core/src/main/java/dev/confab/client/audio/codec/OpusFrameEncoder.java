package dev.confab.client.audio.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * One outgoing Opus stream (Concentus): 48 kHz mono, VOIP mode, VBR, in-band FEC, frames of
 * 20 ms (960 samples) or, for the low-latency profile, 10 ms (480). Each call encodes exactly
 * one frame into a buffer the caller owns.
 *
 * <h2>Settings follow the room's bitrate</h2>
 * {@link #setBitrate(int)} (a room change, between frames) sets three things together, see
 * {@link #bandwidthFor(int)} and {@link #dtxFor(int)}:
 * <ul>
 *   <li>the bitrate, clamped to {@value #MIN_BITRATE} to {@value #MAX_BITRATE} bits per second;</li>
 *   <li>the audio bandwidth cap. Opus codes FEC (SILK's LBRR) only when the SILK layer's rate
 *       clears a threshold that grows with the bandwidth; measured with Concentus at an expected
 *       loss of 10 %, full band gets FEC from about 28 kb/s, wideband from 20 kb/s, and at
 *       24 kb/s full band none at all. So rooms from {@value #FULL_BAND_MIN_BITRATE} b/s are full
 *       band, rooms below it are capped to wideband (8 kHz audio, the usual for voice), and
 *       rooms below {@value #FEC_MIN_BITRATE} b/s stay wideband without FEC (only narrowband would
 *       leave room for it, a poor trade for an occasional lost packet); the receiver's PLC covers
 *       their losses;</li>
 *   <li>DTX, for voice rooms only: below {@value #MUSIC_MIN_BITRATE} b/s the encoder emits
 *       1-byte packets for silence (see {@link #isDiscontinuous(int)}) and a comfort-noise update
 *       every 400 ms. From that rate up the room is taken to be for music, where DTX would treat
 *       a held note as silence (measured: it dropped 143 of 200 frames of a steady two-tone
 *       chord), so DTX is off.</li>
 * </ul>
 * The expected loss given to the encoder ({@value #DEFAULT_EXPECTED_LOSS_PERCENT} % by default)
 * switches FEC on at all (at 0 % Opus codes none); higher figures make it protect harder.
 *
 * <h2>Cost</h2>
 * Complexity {@value #DEFAULT_COMPLEXITY} by default. In CPU time of the encoding thread per
 * 20 ms frame of speech at 24 kb/s, over several runs on the 2-core test machine while other
 * builds shared it: 0.2 to 0.6 ms at complexity 0, 0.55 to 0.9 at 5 (3 to 4 % of a core), 0.75
 * to 1.7 at 10 (the brief's quiet-machine figures are 0.12 to 0.35 ms). The decoded speech test
 * signal correlated as well with its input at 5 as at 10 (0.90 and 0.89). A machine with
 * many encoders (load-test bots) can pass a lower one. Concentus allocates inside every encode
 * (about 70 to 180 KB per frame, all short-lived); this class adds nothing to it.
 *
 * <p>Not thread-safe: one encoder thread owns it, and settings changed from elsewhere must be
 * handed to that thread (as {@code CapturePipeline} does).
 */
public final class OpusFrameEncoder {

    public static final int SAMPLE_RATE = 48_000;
    /** A 20 ms frame, the default. */
    public static final int FRAME_20_MS = 960;
    /** A 10 ms frame, the low-latency profile. */
    public static final int FRAME_10_MS = 480;
    /** The largest Opus packet for one frame, and the voice protocol's payload limit. */
    public static final int MAX_PACKET_BYTES = 1275;
    public static final int MIN_BITRATE = 6_000;
    public static final int MAX_BITRATE = 510_000;
    /** From this bitrate up, full band; below, wideband. */
    public static final int FULL_BAND_MIN_BITRATE = 32_000;
    /** Below this bitrate Opus codes no FEC at wideband (at the default expected loss). */
    public static final int FEC_MIN_BITRATE = 20_000;
    /** From this bitrate up a room is for music: no DTX. */
    public static final int MUSIC_MIN_BITRATE = 64_000;
    public static final int DEFAULT_COMPLEXITY = 5;
    public static final int DEFAULT_EXPECTED_LOSS_PERCENT = 10;

    private final OpusEncoder encoder;
    private final int frameSamples;
    private final int complexity;
    private int bitrate;
    private int expectedLossPercent;

    /** A 20 ms encoder with the default complexity and expected loss. */
    public OpusFrameEncoder(int bitrate) {
        this(FRAME_20_MS, bitrate, DEFAULT_COMPLEXITY, DEFAULT_EXPECTED_LOSS_PERCENT);
    }

    /**
     * @param frameSamples        {@link #FRAME_20_MS} or {@link #FRAME_10_MS}
     * @param bitrate             the room's bitrate in bits per second (clamped, see the class comment)
     * @param complexity          0 (cheapest) to 10
     * @param expectedLossPercent 0 to 100; 0 turns FEC off
     */
    public OpusFrameEncoder(int frameSamples, int bitrate, int complexity, int expectedLossPercent) {
        if (frameSamples != FRAME_20_MS && frameSamples != FRAME_10_MS) {
            throw new IllegalArgumentException("frameSamples must be " + FRAME_20_MS + " (20 ms) or "
                    + FRAME_10_MS + " (10 ms), not " + frameSamples);
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity must be in [0, 10], not " + complexity);
        }
        this.frameSamples = frameSamples;
        this.complexity = complexity;
        try {
            this.encoder = new OpusEncoder(SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a 48 kHz mono encoder", e);
        }
        encoder.setComplexity(complexity);
        encoder.setUseVBR(true);
        encoder.setUseInbandFEC(true);
        setExpectedLossPercent(expectedLossPercent);
        setBitrate(bitrate);
    }

    /**
     * Encodes one frame of {@link #frameSamples()} samples from {@code pcm} at {@code offset}
     * into {@code out}.
     *
     * @param maxBytes room in {@code out} from {@code outOffset}; {@link #MAX_PACKET_BYTES} always suffices
     * @return the packet's length in bytes; 1 or 2 means DTX silence ({@link #isDiscontinuous(int)})
     * @throws IllegalStateException if Concentus fails (not expected with valid arguments)
     */
    public int encode(short[] pcm, int offset, byte[] out, int outOffset, int maxBytes) {
        if (offset < 0 || offset > pcm.length - frameSamples) {
            throw new IndexOutOfBoundsException("a frame of " + frameSamples + " samples at " + offset
                    + " does not fit an array of " + pcm.length);
        }
        if (outOffset < 0 || maxBytes < 1 || outOffset > out.length - maxBytes) {
            throw new IndexOutOfBoundsException(maxBytes + " bytes at " + outOffset
                    + " do not fit an array of " + out.length);
        }
        try {
            return encoder.encode(pcm, offset, frameSamples, out, outOffset, Math.min(maxBytes, MAX_PACKET_BYTES));
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encode failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a packet of {@code length} bytes is a DTX frame: the table-of-contents byte alone
     * (Opus marks silence that way), which says nothing a receiver's silence would not.
     */
    public static boolean isDiscontinuous(int length) {
        return length <= 2;
    }

    /**
     * Changes the bitrate, and with it the bandwidth cap and DTX, from the next frame on.
     * Out-of-range values (a server's mistake) are clamped rather than refused.
     */
    public void setBitrate(int bitrate) {
        int clamped = clampBitrate(bitrate);
        this.bitrate = clamped;
        encoder.setBitrate(clamped);
        encoder.setMaxBandwidth(bandwidthFor(clamped));
        encoder.setUseDTX(dtxFor(clamped));
    }

    /** Sets the packet loss the encoder expects, which governs FEC (0 turns it off). */
    public void setExpectedLossPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in [0, 100], not " + percent);
        }
        this.expectedLossPercent = percent;
        encoder.setPacketLossPercent(percent);
    }

    /**
     * Forgets the past, so the next frame is coded without reference to frames the receivers
     * never got, as at the start of a talk spurt.
     */
    public void reset() {
        encoder.resetState();
    }

    /**
     * Runs a throwaway encoder over {@code frames} frames of synthetic voice at the voice and the
     * music settings, so that the JIT has compiled Concentus before anyone talks. Cold, the first
     * frames take 5 to 40 ms each (0.85 s for the first 200), too slow for real time:
     * without this, the start of the first talk spurt is skipped as backlog. Compiled code is
     * shared by all encoders, so any thread may call this, once, early (the engine does it in the
     * background at start-up). Measured on the shared test machine: 300 frames take 1.4 s, after which
     * a new encoder's first frames take 1 to 3 ms instead of 15 to 40.
     */
    public static void warmUp(int frames) {
        short[] pcm = new short[FRAME_20_MS];
        byte[] out = new byte[MAX_PACKET_BYTES];
        OpusFrameEncoder voice = new OpusFrameEncoder(24_000);
        OpusFrameEncoder music = new OpusFrameEncoder(96_000);
        long noise = 1;
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < pcm.length; i++) {
                noise = noise * 6364136223846793005L + 1442695040888963407L; // any cheap noise will do
                double t = (f * pcm.length + i) / (double) SAMPLE_RATE;
                pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 150 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t))
                        + (noise >> 54));
            }
            (f % 4 == 3 ? music : voice).encode(pcm, 0, out, 0, out.length);
        }
    }

    /** {@code bitrate} brought into {@value #MIN_BITRATE} to {@value #MAX_BITRATE}. */
    public static int clampBitrate(int bitrate) {
        return Math.max(MIN_BITRATE, Math.min(MAX_BITRATE, bitrate));
    }

    /** The bandwidth cap for a room of {@code bitrate} b/s. */
    public static OpusBandwidth bandwidthFor(int bitrate) {
        return bitrate >= FULL_BAND_MIN_BITRATE ? OpusBandwidth.OPUS_BANDWIDTH_FULLBAND : OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND;
    }

    /** Whether a room of {@code bitrate} b/s uses DTX. */
    public static boolean dtxFor(int bitrate) {
        return bitrate < MUSIC_MIN_BITRATE;
    }

    public int frameSamples() {
        return frameSamples;
    }

    /** The bitrate in use, after clamping. */
    public int bitrate() {
        return bitrate;
    }

    public int complexity() {
        return complexity;
    }

    public int expectedLossPercent() {
        return expectedLossPercent;
    }

    public boolean dtx() {
        return encoder.getUseDTX();
    }

    public OpusBandwidth bandwidthCap() {
        return encoder.getMaxBandwidth();
    }

    /** Samples of look-ahead the encoder adds to the path (312 at 48 kHz: 6.5 ms). */
    public int lookahead() {
        return encoder.getLookahead();
    }
}
