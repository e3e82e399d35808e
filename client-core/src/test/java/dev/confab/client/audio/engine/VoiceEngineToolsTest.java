package dev.confab.client.audio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.capture.CaptureOptions;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.client.audio.device.AudioAnalysis;
import dev.confab.client.audio.device.NullBackend;
import dev.confab.client.audio.device.WavFile;
import dev.confab.client.audio.device.WavFileBackend;
import dev.confab.client.audio.dump.AudioDumper;
import dev.confab.client.audio.jitter.JitterOptions;
import dev.confab.client.chat.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's developer tools and housekeeping, over the in-memory {@link Loopback}: the chaos
 * simulator drops what it is told to (and counts it), the audio dumper writes its three files
 * while running, and a speaker who leaves the room is let go at once.
 */
class VoiceEngineToolsTest {

    private static final Path SPEECH = Path.of("src/test/resources/audio/speech-48k-mono.wav");
    private static final long A = 101;
    private static final long B = 202;

    private final Loopback hub = new Loopback();
    private Loopback.Link linkA;
    private VoiceEngine a;
    private VoiceEngine b;

    @BeforeEach
    void start() throws Exception {
        linkA = hub.join(A);
        a = new VoiceEngine(linkA, new VoiceEngine.Devices(new WavFileBackend(1.0, WavFileBackend.AtEnd.LOOP),
                SPEECH.toString(), new NullBackend(), null), CaptureOptions.DEFAULT.withMode(TransmitMode.CONTINUOUS),
                JitterOptions.DEFAULT);
        b = new VoiceEngine(hub.join(B), new VoiceEngine.Devices(new NullBackend(), null, new NullBackend(), null),
                CaptureOptions.DEFAULT.withMode(TransmitMode.MUTED), JitterOptions.DEFAULT);
        b.start();
        a.start().get(30, TimeUnit.SECONDS);
        Await.until("B hears A", () -> b.snapshot().speakers().stream().anyMatch(s -> s.id() == A && s.talking()));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    @Test
    void chaosDropsWhatItIsSetToAndStopsWhenTurnedOff() throws Exception {
        a.setChaos(new ChaosSettings(100, 0, 0, 0));
        int sent = linkA.sent.size();
        Await.until("packets are dropped", () -> a.snapshot().chaos().dropped() >= 10);
        assertThat(linkA.sent.size() - sent).as("packets through while dropping everything").isLessThanOrEqualTo(1);
        Await.until("B hears A stop", () -> b.snapshot().speakers().stream().noneMatch(s -> s.talking()));

        a.setChaos(new ChaosSettings(0, 40, 10, 0));
        int resumed = linkA.sent.size();
        Await.until("delayed packets get through", () -> linkA.sent.size() >= resumed + 10);
        assertThat(a.snapshot().chaos().delayed()).isGreaterThanOrEqualTo(10);
        assertThat(a.snapshot().chaos().settings()).isEqualTo(new ChaosSettings(0, 40, 10, 0));
        Await.until("B hears A again", () -> b.snapshot().speakers().stream().anyMatch(s -> s.talking()));
    }

    @Test
    void theDumperWritesThreeAlignedFilesWhileOn(@TempDir Path dir) throws Exception {
        a.startDump(dir);
        assertThat(a.snapshot().dumpDirectory()).isEqualTo(dir);
        long frames = a.snapshot().capture().framesCaptured();
        Await.until("a second of frames", Duration.ofSeconds(5), () -> a.snapshot().capture().framesCaptured() >= frames + 50);
        a.stopDump();
        assertThat(a.snapshot().dumpDirectory()).isNull();

        long raw = samples(dir.resolve(AudioDumper.RAW_MIC));
        assertThat(raw).isGreaterThanOrEqualTo(50 * 960L);
        assertThat(samples(dir.resolve(AudioDumper.POST_DSP))).isEqualTo(raw);
        assertThat(samples(dir.resolve(AudioDumper.POST_OPUS_DECODE))).isEqualTo(raw);
        float[] decoded = WavFile.read(dir.resolve(AudioDumper.POST_OPUS_DECODE)).audio().samples();
        double decodedDbfs = AudioAnalysis.rmsDbfs(decoded, 0, decoded.length);
        assertThat(decodedDbfs).as("the decoded file holds the speech").isGreaterThan(-40);
    }

    @Test
    void aSpeakerWhoLeavesIsLetGoAtOnce() throws Exception {
        hub.depart(A);
        Await.until("B no longer lists A", Duration.ofSeconds(1), () -> b.snapshot().speakers().isEmpty());
    }

    private static long samples(Path wav) throws Exception {
        return WavFile.read(wav).audio().frames();
    }
}
