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
import dev.confab.client.voice.VoiceConnection;
import dev.confab.client.voice.VoiceState;
import dev.confab.client.voice.VoiceTransport;

/**
 * One of {@code bots}: its own chat session in a room, speaking shared samples in a loop. It only
 * speaks: no jitter buffers, no decoding, no mixing (the voice connection still opens what the
 * relay sends it, and drops it), so a hundred bots cost a hundred encoders, not a hundred times
 * a hundred decoders.
 */
final class SpeakingBot implements AutoCloseable {

    private final RoomVoice room;
    private final VoiceConnection connection;
    private final CapturePipeline pipeline;
    private final CaptureStream capture;

    private SpeakingBot(RoomVoice room, VoiceConnection connection, CapturePipeline pipeline, CaptureStream capture) {
        this.room = room;
        this.connection = connection;
        this.pipeline = pipeline;
        this.capture = capture;
    }

    /** Logs in, joins {@code roomReference}, waits for voice to have a path, and starts speaking {@code samples}. */
    static SpeakingBot start(Invocation cli, String roomReference, short[] samples, String label)
            throws CliException, InterruptedException {
        RoomVoice room = RoomVoice.join(cli, roomReference);
        VoiceConnection connection = new VoiceConnection(room.link().session());
        try {
            room.awaitPath(() -> connection.state().transport());
            SampleRing ring = new SampleRing(10 * StreamOptions.DEFAULT.frameSamples());
            int bitrate = room.link().session().voiceGrant().bitrate();
            CapturePipeline pipeline = new CapturePipeline(ring, new OpusFrameEncoder(bitrate),
                    (payload, length, timestamp) -> connection.send(payload, 0, length, timestamp, 0, 0),
                    CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
            CaptureStream capture = new WavFileBackend(1.0, WavFileBackend.AtEnd.LOOP).openSamples(label, samples,
                    StreamOptions.DEFAULT, (frame, count) -> ring.write(frame, 0, count));
            pipeline.start();
            capture.start();
            return new SpeakingBot(room, connection, pipeline, capture);
        } catch (CliException | InterruptedException | RuntimeException e) {
            connection.close();
            room.close();
            throw e;
        }
    }

    String roomName() {
        return room.room().name();
    }

    long packetsSent() {
        return pipeline.state().packetsSent();
    }

    VoiceState voice() {
        return connection.state();
    }

    VoiceTransport transport() {
        return connection.state().transport();
    }

    @Override
    public void close() {
        capture.close();
        pipeline.close();
        connection.close();
        room.close();
    }
}
