package dev.confab.cli.audio;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.device.AudioDeviceException;
import dev.confab.client.audio.device.NullBackend;
import dev.confab.client.audio.device.PlaybackStream;
import dev.confab.client.audio.device.StreamState;
import dev.confab.client.audio.device.WavFileBackend;
import dev.confab.client.audio.engine.VoiceEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Records what a room says (everyone, mixed, as a listener hears it) into a WAV file, for a "
                + "number of seconds, then leaves. It says nothing itself.",
                "The file is 48 kHz stereo 16-bit PCM, in real time: silence while nobody talks. The seconds count "
                        + "from when it listens (after joining and warming up, about 2 s after start).",
                "It joins the room (a room with a password takes it from $CONFAB_ROOM_PASSWORD).",
                "With --json, one object at the end: room, roomName, file, seconds, speakers (the most heard at once)."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli record --room standup --seconds 900 standup.wav"})
public final class RecordCommand implements Callable<Integer> {

    /** The --json object. */
    record Recorded(long room, String roomName, String file, double seconds, int speakers) {
    }

    static final int MAX_SECONDS = 24 * 3600;

    @Spec
    CommandSpec spec;

    @Option(names = "--room", paramLabel = "ROOM", required = true, description = "The room's name (any case) or id.")
    String room;

    @Option(names = "--seconds", paramLabel = "N", required = true,
            description = "How long to record (1 to " + MAX_SECONDS + ").")
    int seconds;

    @Parameters(paramLabel = "OUT.wav", description = "The WAV file to write (replaced if it exists).")
    Path file;

    @Override
    public Integer call() throws CliException, InterruptedException {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw CliException.usage("--seconds must be 1 to " + MAX_SECONDS + ", not " + seconds);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || parent == null || !Files.isDirectory(parent)) {
            throw new CliException(Exit.REFUSED, "bad_audio", "cannot write " + file + ": "
                    + (Files.isDirectory(file) ? "it is a folder" : "there is no folder " + parent));
        }
        Invocation cli = Invocation.of(spec);
        int speakers = 0;
        long frames;
        try (RoomVoice voice = RoomVoice.join(cli, room)) {
            VoiceEngine engine = voice.start(new VoiceEngine.Devices(new NullBackend(), null, new WavFileBackend(),
                    file.toString()), CaptureOptions.DEFAULT.withMode(TransmitMode.MUTED));
            PlaybackStream out = engine.playbackStream();
            long start = out.frames();
            long wanted = start + 48_000L * seconds;
            while (out.frames() < wanted) {
                if (out.state() == StreamState.FAILED || out.state() == StreamState.CLOSED) {
                    AudioDeviceException failure = out.failure();
                    throw new CliException(Exit.REFUSED, "bad_audio", failure == null ? "writing " + file + " failed"
                            : failure.getMessage(), failure);
                }
                if (voice.link().session().closeFuture().isDone()) {
                    throw new CliException(Exit.NETWORK, "network", "the connection to "
                            + voice.link().session().server() + " ended");
                }
                speakers = Math.max(speakers, (int) engine.state().speakers().stream().filter(s -> s.talking()).count());
                long left = (wanted - out.frames()) / 48;
                Thread.sleep(Math.max(1, Math.min(20, left)));
            }
            frames = out.frames() - start;
            engine.close(); // closes the file
            if (cli.output().json()) { // quiet on success otherwise
                cli.output().object(new Recorded(voice.room().id(), voice.room().name(), file.toString(),
                        Math.round(frames / 48.0) / 1000.0, speakers));
            }
        }
        return 0;
    }
}
