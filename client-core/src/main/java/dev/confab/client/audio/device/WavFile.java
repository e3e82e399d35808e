package dev.confab.client.audio.device;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * WAV (RIFF WAVE) files: reading the common kinds, writing 16-bit PCM.
 *
 * <h2>Reading</h2>
 * {@link #decode(byte[])} is a pure function of the bytes. It reads integer PCM of 8 (unsigned),
 * 16, 24 or 32 bits and IEEE float of 32 or 64 bits, plain or WAVE_FORMAT_EXTENSIBLE, 1 to 8
 * channels, at 1 kHz to 384 kHz; it skips chunks it does not know (LIST, fact, cue, ...) and
 * their pad bytes, and takes a data chunk that claims more bytes than the file has as cut short
 * (what a streaming writer that was stopped leaves), keeping the whole frames there are. Anything
 * else is a {@link WavFormatException} that says what is wrong; no input makes it throw anything
 * else (a property test feeds it random and mangled bytes).
 *
 * <h2>Writing</h2>
 * {@link #encode16} makes a whole file in memory; {@link #openWriter} streams one to disk,
 * rewriting the header's sizes every second of audio and at close, so a recording cut short by a
 * crash keeps all but its last second.
 */
public final class WavFile {

    /** Files larger than this are refused before reading (23 minutes of 48 kHz stereo 16-bit is 256 MB). */
    public static final long MAX_FILE_BYTES = 256L << 20;

    /** Decoded samples (all channels) at most: keeps the float copy under 256 MB. */
    public static final int MAX_SAMPLES = 1 << 26;

    static final int HEADER_BYTES = 44;

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** The GUID of an extensible format, after its first two bytes (the format code). */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavFile() {
    }

    /**
     * What a WAV file holds.
     *
     * @param bitsPerSample  bits per stored sample (the container: 24 for 24-bit PCM)
     * @param floatingPoint  IEEE float samples rather than integers
     * @param cutShort       the data chunk claimed more bytes than the file has
     */
    public record Format(int sampleRate, int channels, int bitsPerSample, boolean floatingPoint, boolean cutShort) {
        @Override
        public String toString() {
            return sampleRate + " Hz, " + (channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels")
                    + ", " + bitsPerSample + "-bit " + (floatingPoint ? "float" : "PCM") + (cutShort ? " (cut short)" : "");
        }
    }

    /** A decoded file: its format and its audio. */
    public record Contents(Format format, PcmAudio audio) {
    }

    /** Reads and decodes a file. */
    public static Contents read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_FILE_BYTES) {
            throw new WavFormatException(path + " has " + size + " bytes; WAV files over " + (MAX_FILE_BYTES >> 20)
                    + " MB are not read");
        }
        try {
            return decode(Files.readAllBytes(path));
        } catch (WavFormatException e) {
            throw new WavFormatException(path + ": " + e.getMessage());
        }
    }

    /** Decodes a whole WAV file. */
    public static Contents decode(byte[] bytes) throws WavFormatException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 12) {
            throw new WavFormatException("not a WAV file: " + bytes.length + " bytes is shorter than a RIFF header");
        }
        String riff = fourCc(bytes, 0);
        if (riff.equals("RF64") || riff.equals("RIFX")) {
            throw new WavFormatException((riff.equals("RF64") ? "RF64 (64-bit)" : "big-endian RIFX")
                    + " WAV files are not supported");
        }
        if (!riff.equals("RIFF")) {
            throw new WavFormatException("not a WAV file: it does not start with RIFF");
        }
        if (!fourCc(bytes, 8).equals("WAVE")) {
            throw new WavFormatException("a RIFF file, but of type '" + printable(fourCc(bytes, 8)) + "', not WAVE");
        }
        Format format = null;
        int dataStart = -1;
        long dataBytes = 0;
        boolean cutShort = false;
        int at = 12;
        while (at <= bytes.length - 8 && dataStart < 0) {
            String id = fourCc(bytes, at);
            long size = u32(bytes, at + 4);
            int body = at + 8;
            long available = bytes.length - body;
            if (id.equals("fmt ")) {
                if (format != null) {
                    throw new WavFormatException("two fmt chunks");
                }
                if (size > available) {
                    throw new WavFormatException("the fmt chunk is cut short");
                }
                format = parseFormat(bytes, body, (int) size);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new WavFormatException("the data chunk comes before the fmt chunk");
                }
                dataStart = body;
                cutShort = size > available;
                dataBytes = Math.min(size, available);
                break;
            } else if (size > available) {
                break; // a cut-short chunk we would skip anyway
            }
            long next = body + size + (size & 1);
            if (next > Integer.MAX_VALUE) {
                break;
            }
            at = (int) next;
        }
        if (format == null) {
            throw new WavFormatException("no fmt chunk: not a WAV file this reads");
        }
        if (dataStart < 0) {
            throw new WavFormatException("no data chunk: the file holds no audio");
        }
        int bytesPerSample = format.bitsPerSample() / 8;
        int blockAlign = bytesPerSample * format.channels();
        long frames = dataBytes / blockAlign;
        if (frames * format.channels() > MAX_SAMPLES) {
            throw new WavFormatException("the file holds " + frames * format.channels() + " samples; at most "
                    + MAX_SAMPLES + " are read");
        }
        float[] samples = new float[(int) (frames * format.channels())];
        decodeSamples(bytes, dataStart, samples, format);
        Format found = new Format(format.sampleRate(), format.channels(), format.bitsPerSample(), format.floatingPoint(), cutShort);
        return new Contents(found, new PcmAudio(format.sampleRate(), format.channels(), samples));
    }

    private static Format parseFormat(byte[] bytes, int at, int size) throws WavFormatException {
        if (size < 16) {
            throw new WavFormatException("the fmt chunk has " + size + " bytes, fewer than 16");
        }
        int code = u16(bytes, at);
        int channels = u16(bytes, at + 2);
        long rate = u32(bytes, at + 4);
        int blockAlign = u16(bytes, at + 12);
        int bits = u16(bytes, at + 14);
        if (code == FORMAT_EXTENSIBLE) {
            if (size < 40) {
                throw new WavFormatException("an extensible fmt chunk of " + size + " bytes, fewer than 40");
            }
            code = u16(bytes, at + 24);
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (bytes[at + 26 + i] != GUID_TAIL[i]) {
                    throw new WavFormatException("an extensible format with an unknown sub-format GUID");
                }
            }
        }
        boolean floating;
        if (code == FORMAT_PCM) {
            if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new WavFormatException(bits + "-bit PCM is not supported (8, 16, 24 and 32 are)");
            }
            floating = false;
        } else if (code == FORMAT_FLOAT) {
            if (bits != 32 && bits != 64) {
                throw new WavFormatException(bits + "-bit float is not supported (32 and 64 are)");
            }
            floating = true;
        } else {
            throw new WavFormatException("compressed WAV (format code 0x" + Integer.toHexString(code)
                    + ") is not supported: only PCM and float");
        }
        if (channels < 1 || channels > 8) {
            throw new WavFormatException(channels + " channels: only 1 to 8 are supported");
        }
        if (rate < 1000 || rate > 384_000) {
            throw new WavFormatException("a sample rate of " + rate + " Hz: only 1 kHz to 384 kHz is supported");
        }
        if (blockAlign != channels * bits / 8) {
            throw new WavFormatException("block align " + blockAlign + " does not match " + channels + " channels of "
                    + bits + " bits");
        }
        return new Format((int) rate, channels, bits, floating, false);
    }

    private static void decodeSamples(byte[] b, int at, float[] out, Format format) {
        int bits = format.bitsPerSample();
        if (format.floatingPoint()) {
            ByteBuffer buffer = ByteBuffer.wrap(b, at, out.length * (bits / 8)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < out.length; i++) {
                double v = bits == 32 ? buffer.getFloat() : buffer.getDouble();
                out[i] = Double.isNaN(v) ? 0f : (float) Math.max(-1.0, Math.min(1.0, v));
            }
            return;
        }
        switch (bits) {
            case 8 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((b[at + i] & 0xff) - 128) / 128f;
                }
            }
            case 16 -> {
                for (int i = 0, p = at; i < out.length; i++, p += 2) {
                    out[i] = (short) ((b[p] & 0xff) | (b[p + 1] << 8)) / 32768f;
                }
            }
            case 24 -> {
                for (int i = 0, p = at; i < out.length; i++, p += 3) {
                    out[i] = ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | b[p + 2] << 16) / 8388608f;
                }
            }
            default -> {
                for (int i = 0, p = at; i < out.length; i++, p += 4) {
                    int v = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | b[p + 3] << 24;
                    out[i] = (float) (v / 2147483648.0);
                }
            }
        }
    }

    /** A whole 16-bit PCM WAV file of interleaved samples. */
    public static byte[] encode16(short[] samples, int channels, int sampleRate) {
        checkLayout(channels, sampleRate);
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples are not whole frames of " + channels + " channels");
        }
        long dataBytes = 2L * samples.length;
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException("too many samples for one WAV file: " + samples.length);
        }
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header(channels, sampleRate, dataBytes));
        for (short s : samples) {
            out.putShort(s);
        }
        return out.array();
    }

    /** Writes a whole 16-bit PCM WAV file. */
    public static void write16(Path path, short[] samples, int channels, int sampleRate) throws IOException {
        Files.write(path, encode16(samples, channels, sampleRate));
    }

    /** Starts a 16-bit PCM WAV file at {@code path} (replacing one there) to be written a block at a time. */
    public static Writer openWriter(Path path, int channels, int sampleRate) throws IOException {
        checkLayout(channels, sampleRate);
        return new Writer(path, channels, sampleRate);
    }

    /** The 44-byte header of a 16-bit PCM file with {@code dataBytes} of samples. */
    static byte[] header(int channels, int sampleRate, long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        h.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        h.putShort((short) FORMAT_PCM).putShort((short) channels).putInt(sampleRate).putInt(sampleRate * channels * 2);
        h.putShort((short) (channels * 2)).putShort((short) 16);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return h.array();
    }

    private static void checkLayout(int channels, int sampleRate) {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("channels must be in [1, 8], not " + channels);
        }
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("sampleRate must be in [1000, 384000], not " + sampleRate);
        }
    }

    private static String fourCc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /**
     * A 16-bit PCM WAV file written a block at a time. One writing thread; {@link #frames()} may
     * be read from any.
     */
    public static final class Writer implements Closeable {

        private final Path path;
        private final FileChannel channel;
        private final int channels;
        private final int sampleRate;
        private final long headerEvery;
        private ByteBuffer buffer = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        private volatile long samples;
        private long sinceHeader;
        private boolean closed;

        private Writer(Path path, int channels, int sampleRate) throws IOException {
            this.path = path;
            this.channels = channels;
            this.sampleRate = sampleRate;
            this.headerEvery = (long) sampleRate * channels;
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            writeHeader();
        }

        public Path path() {
            return path;
        }

        /** Sample frames written so far. */
        public long frames() {
            return samples / channels;
        }

        /**
         * Appends interleaved samples: whole frames, so {@code length} is a multiple of the channel count.
         *
         * @throws IOException if the file cannot be written, or would pass the 4 GB a WAV file can hold
         */
        public void write(short[] source, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("the WAV writer for " + path + " is closed");
            }
            if (offset < 0 || length < 0 || offset > source.length - length) {
                throw new IndexOutOfBoundsException("offset " + offset + " and length " + length
                        + " do not fit an array of " + source.length);
            }
            if (length % channels != 0) {
                throw new IllegalArgumentException(length + " samples are not whole frames of " + channels + " channels");
            }
            if (2 * (samples + length) > 0xFFFF_FFFFL - 36) {
                throw new IOException(path + " would pass the 4 GB a WAV file can hold");
            }
            if (buffer.capacity() < 2 * length) {
                buffer = ByteBuffer.allocate(2 * length).order(ByteOrder.LITTLE_ENDIAN);
            }
            buffer.clear();
            for (int i = 0; i < length; i++) {
                buffer.putShort(source[offset + i]);
            }
            buffer.flip();
            long at = HEADER_BYTES + 2 * samples;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            samples += length;
            sinceHeader += length;
            if (sinceHeader >= headerEvery) {
                writeHeader();
                sinceHeader = 0;
            }
        }

        private void writeHeader() throws IOException {
            ByteBuffer header = ByteBuffer.wrap(WavFile.header(channels, sampleRate, 2 * samples));
            long at = 0;
            while (header.hasRemaining()) {
                at += channel.write(header, at);
            }
        }

        /** Writes the final sizes and closes the file. Idempotent. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (channel) {
                writeHeader();
            }
        }
    }
}
