package dev.confab.client.audio.dump;

import dev.confab.client.audio.capture.FrameTap;
import dev.confab.client.audio.codec.OpusFrameDecoder;
import dev.confab.client.audio.device.WavFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio dumper: writes what the microphone chain did to three mono 48 kHz WAV files in one
 * folder, frame-aligned so that they can be compared sample by sample in any audio editor:
 * <ul>
 *   <li>{@value #RAW_MIC}: the microphone as captured;</li>
 *   <li>{@value #POST_DSP}: after the high-pass and gain (what the encoder gets);</li>
 *   <li>{@value #POST_OPUS_DECODE}: what was sent, decoded again (what a listener hears on a
 *       perfect network); silence where nothing was sent (not transmitting, or DTX).</li>
 * </ul>
 * The taps and {@link #encoded} run on the capture pipeline's thread: they copy the frame into a
 * bounded queue and return; a writer thread of the dumper's own decodes and writes, so disk and
 * decoder never delay capture. When the writer falls behind, frames are dropped and counted
 * ({@link #dropped()}), never waited for.
 */
public final class AudioDumper implements AutoCloseable {

    public static final String RAW_MIC = "raw_mic.wav";
    public static final String POST_DSP = "post_dsp.wav";
    public static final String POST_OPUS_DECODE = "post_opus_decode.wav";

    private static final Logger log = LoggerFactory.getLogger(AudioDumper.class);
    private static final int SAMPLE_RATE = 48_000;
    /** Two seconds of frames of each kind: far more than a writer that keeps up needs. */
    private static final int QUEUE_FRAMES = 300;

    private enum Kind { RAW, PROCESSED, PACKET, END }

    /** One frame or packet, copied off the capture thread. */
    private record Item(Kind kind, int timestamp, short[] samples, byte[] packet) {
    }

    private final Path directory;
    private final int frameSamples;
    private final WavFile.Writer raw;
    private final WavFile.Writer processed;
    private final WavFile.Writer decoded;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final Thread writer;
    private volatile long dropped;
    private volatile IOException failure;

    // Writer thread only.
    private final OpusFrameDecoder decoder;
    private final short[] decodedFrame;
    private int rawTimestamp;
    private boolean rawPending;
    private boolean awaitingPacket;

    private AudioDumper(Path directory, int frameSamples) throws IOException {
        this.directory = directory;
        this.frameSamples = frameSamples;
        this.decoder = new OpusFrameDecoder(frameSamples);
        this.decodedFrame = new short[frameSamples];
        Files.createDirectories(directory);
        WavFile.Writer r = WavFile.openWriter(directory.resolve(RAW_MIC), 1, SAMPLE_RATE);
        WavFile.Writer p = null;
        try {
            p = WavFile.openWriter(directory.resolve(POST_DSP), 1, SAMPLE_RATE);
            this.decoded = WavFile.openWriter(directory.resolve(POST_OPUS_DECODE), 1, SAMPLE_RATE);
        } catch (IOException e) {
            closeQuietly(r);
            closeQuietly(p);
            throw e;
        }
        this.raw = r;
        this.processed = p;
        this.writer = new Thread(this::drain, "confab-audio-dumper");
        this.writer.setDaemon(true);
    }

    /**
     * Creates {@code directory} if needed, (re)writes the three files in it, and starts the writer.
     *
     * @param frameSamples the capture pipeline's frame size (960 or 480)
     * @throws IOException if the folder or a file cannot be made
     */
    public static AudioDumper start(Path directory, int frameSamples) throws IOException {
        Objects.requireNonNull(directory, "directory");
        AudioDumper dumper = new AudioDumper(directory, frameSamples);
        dumper.writer.start();
        return dumper;
    }

    public Path directory() {
        return directory;
    }

    /** For {@code CapturePipeline.setRawTap}. */
    public FrameTap rawTap() {
        return (samples, offset, length, timestamp) ->
                enqueue(new Item(Kind.RAW, timestamp, Arrays.copyOfRange(samples, offset, offset + length), null));
    }

    /** For {@code CapturePipeline.setProcessedTap}. */
    public FrameTap processedTap() {
        return (samples, offset, length, timestamp) ->
                enqueue(new Item(Kind.PROCESSED, timestamp, Arrays.copyOfRange(samples, offset, offset + length), null));
    }

    /** The Opus packet the pipeline sent for the frame at {@code timestamp} (after that frame's taps). */
    public void encoded(byte[] payload, int length, int timestamp) {
        enqueue(new Item(Kind.PACKET, timestamp, null, Arrays.copyOf(payload, length)));
    }

    /** Frames and packets dropped because the writer fell behind. */
    public long dropped() {
        return dropped;
    }

    /** The write error that stopped the dumper, or null. */
    public IOException failure() {
        return failure;
    }

    /** Writes what is queued, then closes the files. Waits at most two seconds for the writer. */
    @Override
    public void close() {
        try {
            if (queue.offer(new Item(Kind.END, 0, null, null), 2, TimeUnit.SECONDS)) {
                writer.join(TimeUnit.SECONDS.toMillis(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
    }

    private void enqueue(Item item) {
        if (!queue.offer(item)) {
            dropped++; // only the capture thread enqueues
        }
    }

    private void drain() {
        try {
            while (true) {
                Item item = queue.take();
                if (item.kind() == Kind.END) {
                    break;
                }
                if (failure == null) {
                    write(item);
                }
            }
            finishFrame();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
            log.warn("the audio dump in {} stopped: {}", directory, e.toString());
        } finally {
            closeQuietly(raw);
            closeQuietly(processed);
            closeQuietly(decoded);
        }
    }

    /**
     * Writes one item. The pipeline's taps are set one after the other, so a frame may reach one
     * tap and not the other as the dump starts or stops: a processed frame counts only after the
     * raw frame of the same timestamp, and a packet only after that processed frame, which keeps
     * the three files the same length.
     */
    private void write(Item item) throws IOException {
        try {
            switch (item.kind()) {
                case RAW -> {
                    finishFrame();
                    raw.write(item.samples(), 0, item.samples().length);
                    rawTimestamp = item.timestamp();
                    rawPending = true;
                }
                case PROCESSED -> {
                    if (rawPending && item.timestamp() == rawTimestamp) {
                        processed.write(item.samples(), 0, item.samples().length);
                        rawPending = false;
                        awaitingPacket = true;
                    }
                }
                case PACKET -> {
                    if (awaitingPacket && item.timestamp() == rawTimestamp) {
                        if (!decoder.decode(item.packet(), 0, item.packet().length, decodedFrame, 0)) {
                            Arrays.fill(decodedFrame, (short) 0);
                        }
                        decoded.write(decodedFrame, 0, frameSamples);
                        awaitingPacket = false;
                    }
                }
                default -> throw new IllegalStateException(item.kind().name());
            }
        } catch (IOException e) {
            failure = e;
            log.warn("the audio dump in {} stopped: {}", directory, e.toString());
        }
    }

    /**
     * Ends the frame before the next one: one not sent is silence in the decoded file, and a raw
     * frame whose processed one never came (the dump stopped in between) is silence in both.
     */
    private void finishFrame() throws IOException {
        Arrays.fill(decodedFrame, (short) 0);
        if (rawPending) {
            processed.write(decodedFrame, 0, frameSamples);
            rawPending = false;
            awaitingPacket = true;
        }
        if (awaitingPacket) {
            decoded.write(decodedFrame, 0, frameSamples);
            awaitingPacket = false;
        }
    }

    private static void closeQuietly(WavFile.Writer w) {
        if (w == null) {
            return;
        }
        try {
            w.close();
        } catch (IOException e) {
            log.debug("closing {} failed: {}", w.path(), e.toString());
        }
    }
}
