package dev.confab.client.audio.device;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files of any layout, right or wrong, for the reader's tests. */
final class WavBytes {

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private String riff = "RIFF";
    private String type = "WAVE";

    static WavBytes wave() {
        return new WavBytes();
    }

    WavBytes riff(String id) {
        this.riff = id;
        return this;
    }

    WavBytes type(String id) {
        this.type = id;
        return this;
    }

    /** A plain 16-byte fmt chunk. */
    WavBytes fmt(int code, int channels, int rate, int bits) {
        return fmt(code, channels, rate, bits, channels * bits / 8);
    }

    WavBytes fmt(int code, int channels, int rate, int bits, int blockAlign) {
        ByteBuffer b = le(16);
        b.putShort((short) code).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with the standard GUID for {@code subFormat}. */
    WavBytes extensible(int subFormat, int channels, int rate, int bits) {
        ByteBuffer b = le(40);
        int blockAlign = channels * bits / 8;
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        b.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4);
        b.putShort((short) subFormat).put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    WavBytes data(byte[] samples) {
        return chunk("data", samples);
    }

    /** A chunk, padded to an even length as RIFF wants. */
    WavBytes chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk whose header claims {@code size} bytes, whatever {@code body} holds. */
    WavBytes chunk(String id, long size, byte[] body) {
        chunks.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        chunks.writeBytes(le(4).putInt((int) size).array());
        chunks.writeBytes(body);
        if ((body.length & 1) == 1 && size == body.length) {
            chunks.write(0);
        }
        return this;
    }

    byte[] build() {
        byte[] body = chunks.toByteArray();
        ByteBuffer out = le(12 + body.length);
        out.put(riff.getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return out.array();
    }

    static byte[] pcm16(short... samples) {
        ByteBuffer b = le(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    static byte[] pcm24(int... samples) {
        ByteBuffer b = le(3 * samples.length);
        for (int s : samples) {
            b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
        }
        return b.array();
    }

    static byte[] pcm32(int... samples) {
        ByteBuffer b = le(4 * samples.length);
        for (int s : samples) {
            b.putInt(s);
        }
        return b.array();
    }

    static byte[] float32(float... samples) {
        ByteBuffer b = le(4 * samples.length);
        for (float s : samples) {
            b.putFloat(s);
        }
        return b.array();
    }

    static byte[] float64(double... samples) {
        ByteBuffer b = le(8 * samples.length);
        for (double s : samples) {
            b.putDouble(s);
        }
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
