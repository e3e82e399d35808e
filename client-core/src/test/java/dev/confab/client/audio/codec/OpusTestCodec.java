package dev.confab.client.audio.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;

/**
 * Opus packets for the receive-side tests, made with Concentus directly (the capture side's
 * encoder is tested on its own): 48 kHz mono VOIP, VBR, in-band FEC for 10 % expected loss,
 * capped to wideband below 32 kb/s as voice rooms are, no DTX, so every frame has a packet.
 */
public final class OpusTestCodec {

    private OpusTestCodec() {
    }

    /** One packet per frame of {@code frameSamples} samples of {@code pcm}. */
    public static byte[][] encode(short[] pcm, int frameSamples, int bitrate) {
        try {
            OpusEncoder encoder = new OpusEncoder(48_000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(bitrate);
            encoder.setUseVBR(true);
            encoder.setUseInbandFEC(true);
            encoder.setPacketLossPercent(10);
            encoder.setComplexity(5);
            encoder.setUseDTX(false);
            if (bitrate < 32_000) {
                encoder.setMaxBandwidth(OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND);
            }
            int frames = pcm.length / frameSamples;
            byte[][] packets = new byte[frames][];
            byte[] buffer = new byte[1275];
            for (int f = 0; f < frames; f++) {
                int n = encoder.encode(pcm, f * frameSamples, frameSamples, buffer, 0, buffer.length);
                packets[f] = Arrays.copyOf(buffer, n);
            }
            return packets;
        } catch (OpusException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a receiver that lost nothing hears: every packet decoded in order by one decoder. */
    public static short[] decodeAll(byte[][] packets, int frameSamples) {
        try {
            OpusDecoder decoder = new OpusDecoder(48_000, 1);
            short[] out = new short[packets.length * frameSamples];
            for (int f = 0; f < packets.length; f++) {
                decoder.decode(packets[f], 0, packets[f].length, out, f * frameSamples, frameSamples, false);
            }
            return out;
        } catch (OpusException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signal-to-noise ratio of {@code test} against {@code reference} over the same span, in dB. */
    public static double snrDb(short[] reference, short[] test, int offset, int length) {
        double signal = 0;
        double noise = 0;
        for (int i = offset; i < offset + length; i++) {
            double r = reference[i];
            double e = r - test[i];
            signal += r * r;
            noise += e * e;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }
}
