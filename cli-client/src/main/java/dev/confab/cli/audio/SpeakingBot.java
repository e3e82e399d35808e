package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.CapturePipeline;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.codec.OpusFrameEncoder;
import dev.confab.client.audio.device.CaptureStream;
import dev.confab.client.audio.device.StreamOptions;
import dev.confab.client.audio.device.WavFileBackend;
import dev.confab.client.audio.dsp.SampleRing;
import dev.confab.client.chat.ConnectionClosedException;
import dev.confab.client.voice.VoiceConnection;
import dev.confab.client.voice.VoiceState;
import java.util.concurrent.CompletableFuture;

/**
 * One of {@code bots}: its own chat session in a room, speaking shared samples in a loop. It only
 * speaks: no jitter buffers, no decoding, no mixing (the voice connection still opens what the
 * relay sends it, and drops it), so a hundred bots cost a hundred encoders, not a hundred times
 * a hundred decoders.
 */
final class SpeakingBot implements AutoCloseable {

    private final String name;
    private final RoomVoice room;
    private final CapturePipeline pipeline;
    private final CaptureStream capture;

    private SpeakingBot(String name, RoomVoice room, CapturePipeline pipeline, CaptureStream capture) {
        this.name = name;
        this.room = room;
        this.pipeline = pipeline;
        this.capture = capture;
    }

    /**
     * Logs in, joins {@code roomReference}, waits for voice to have a path, and starts speaking
     * {@code samples} (48 kHz mono, only read).
     *
     * @param name what errors call this bot
     */
    static SpeakingBot start(Invocation cli, String roomReference, short[] samples, String name)
            throws CliException, InterruptedException {
        RoomVoice room = RoomVoice.join(cli, roomReference);
        try {
            // Not deafened, although a bot listens to nothing: the relay silences a deafened session too.
            VoiceConnection connection = room.connection();
            room.awaitPath(() -> connection.state().transport());
            SampleRing ring = new SampleRing(10 * StreamOptions.DEFAULT.frameSamples());
            int bitrate = room.link().session().voiceGrant().bitrate();
            CapturePipeline pipeline = new CapturePipeline(ring, new OpusFrameEncoder(bitrate),
                    (payload, length, timestamp) -> connection.send(payload, 0, length, timestamp, 0, 0),
                    CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
            CaptureStream capture = new WavFileBackend(1.0, WavFileBackend.AtEnd.LOOP).openSamples(name, samples,
                    StreamOptions.DEFAULT, (frame, count) -> ring.write(frame, 0, count));
            pipeline.start();
            capture.start();
            return new SpeakingBot(name, room, pipeline, capture);
        } catch (CliException | InterruptedException | RuntimeException e) {
            room.close();
            throw e;
        }
    }

    long packetsSent() {
        return pipeline.state().packetsSent();
    }

    VoiceState voice() {
        return room.connection().state();
    }

    /**
     * Null while the bot is connected; once its chat connection ended, why, as the error to exit
     * with (kicked, the server shutting down, the network).
     */
    CliException lost() {
        CompletableFuture<Void> ended = room.link().session().closeFuture();
        if (!ended.isDone()) {
            return null;
        }
        Throwable cause = ended.handle((done, error) -> error).join();
        CliException failure = room.link().failure(cause != null ? cause
                : new ConnectionClosedException("the session on " + room.link().session().server() + " has ended"));
        return new CliException(failure.exit(), failure.code(), name + ": " + failure.getMessage(), cause);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        capture.close();
        pipeline.close();
        room.close();
    }
}
