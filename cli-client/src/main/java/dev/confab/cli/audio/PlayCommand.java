package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.device.AudioDeviceException;
import dev.confab.client.audio.device.NullBackend;
import dev.confab.client.audio.device.StreamState;
import dev.confab.client.audio.device.WavFile;
import dev.confab.client.audio.device.WavFileBackend;
import dev.confab.client.audio.engine.VoiceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "play", mixinStandardHelpOptions = true,
        description = {"Speaks a WAV file into a room, as a voice client would, in real time, then leaves.",
                "The file may be 8/16/24/32-bit PCM or float, mono or stereo (mixed down), at any common rate "
                        + "(resampled to 48 kHz). It is sent whole, silence included (continuous transmission).",
                "It joins the room (a room with a password takes it from $CONFAB_ROOM_PASSWORD), waits until voice "
                        + "has a path and the codec is warm (about 2 s), speaks the file, and exits 0 once it was sent.",
                "With --json, one object at the end: room, roomName, file, seconds, transport."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli play --room Lobby announcement.wav",
                "  espeak-ng -w /tmp/say.wav \"Deploy finished\" && confab-cli play --room ops /tmp/say.wav"})
public final class PlayCommand implements Callable<Integer> {

    /** The --json object. */
    record Played(long room, String roomName, String file, double seconds, String transport) {
    }

    /** After the file's last frame: the capture pipeline's and the network's last packets. */
    static final Duration TAIL = Duration.ofMillis(300);

    @Spec
    CommandSpec spec;

    @Option(names = "--room", paramLabel = "ROOM", required = true, description = "The room's name (any case) or id.")
    String room;

    @Parameters(paramLabel = "FILE.wav", description = "The WAV file to speak.")
    Path file;

    @Override
    public Integer call() throws CliException, InterruptedException {
        double seconds = read(file).audio().seconds();
        Invocation cli = Invocation.of(spec);
        try (RoomVoice voice = RoomVoice.join(cli, room)) {
            VoiceEngine engine = voice.start(new VoiceEngine.Devices(new WavFileBackend(), file.toString(),
                    new NullBackend(), null), CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS));
            Duration limit = Duration.ofMillis((long) (seconds * 1000) + 30_000);
            if (!engine.captureStream().awaitEnd(limit)) {
                throw new CliException(Exit.FAILURE, "unexpected", "sending " + file + " did not end within "
                        + limit.toSeconds() + " s");
            }
            if (engine.captureStream().state() == StreamState.FAILED) {
                AudioDeviceException failure = engine.captureStream().failure();
                throw new CliException(Exit.REFUSED, "bad_audio", failure == null ? "reading " + file + " failed"
                        : failure.getMessage(), failure);
            }
            Thread.sleep(TAIL.toMillis());
            String transport = engine.snapshot().transport().name().toLowerCase(Locale.ROOT);
            if (cli.output().json()) { // quiet on success otherwise
                cli.output().object(new Played(voice.room().id(), voice.room().name(), file.toString(),
                        Math.round(seconds * 1000) / 1000.0, transport));
            }
        }
        return 0;
    }

    /** Reads a WAV file before connecting, so that a bad one fails at once, as refused (9) with the reason. */
    static WavFile.Contents read(Path file) throws CliException {
        if (Files.isDirectory(file)) {
            throw new CliException(Exit.REFUSED, "bad_audio", file + " is a folder, not a WAV file");
        }
        try {
            return WavFile.read(file);
        } catch (NoSuchFileException e) {
            throw new CliException(Exit.REFUSED, "bad_audio", "there is no file " + file);
        } catch (IOException e) {
            throw new CliException(Exit.REFUSED, "bad_audio", file + " is not a WAV file confab can read: "
                    + e.getMessage(), e);
        }
    }
}
