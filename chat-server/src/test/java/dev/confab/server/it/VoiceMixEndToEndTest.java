package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.confab.client.audio.SpeechMatch;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.device.AudioAnalysis;
import dev.confab.client.audio.device.NullBackend;
import dev.confab.client.audio.device.WavFile;
import dev.confab.client.audio.device.WavFileBackend;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.chat.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three people talk at once through the real server, each a steady tone of their own; a fourth
 * listens with their volumes at 100, 50 and 150 %. Every tone is in the listener's mix, at the
 * level its volume says relative to the others (-6.0 dB and +3.5 dB against the first).
 */
class VoiceMixEndToEndTest {

    private static final double[] HZ = {400, 1000, 2500};
    private static final int[] VOLUME = {100, 50, 150};
    /** Each tone's peak amplitude: -26 dBFS, so that even at 150 % the mix stays far below the soft clipper. */
    private static final double AMPLITUDE = 0.05;
    /**
     * The tones rise and fall four times a second, as syllables do, between 20 % and 100 %: a
     * steady tone is what Opus's voice detector takes for background noise, and DTX would stop
     * sending it within a second. The carrier's amplitude is the envelope's mean, 60 %.
     */
    private static final double CARRIER = 0.6 * AMPLITUDE;
    /**
     * Opus changes a tone's level a little, differently per frequency (within 0.7 dB here), and a
     * loaded machine may conceal a speaker's frames for a moment (once 2.3 dB low over the
     * window). Volumes ignored would be 6 and 3.5 dB off, which this still catches.
     */
    private static final double TOLERANCE_DB = 2.5;
    /** The first tone's level in the mix, against its input: the ratios are the claim, this that it is there. */
    private static final double PRESENT_DB = 3;

    @TempDir
    Path dir;
    private VoiceEngines people;

    @BeforeEach
    void start() throws Exception {
        people = VoiceEngines.onNewServer(dir.resolve("server"));
    }

    @AfterEach
    void stop() throws Exception {
        people.close();
    }

    @Test
    void everySpeakerIsHeardAtTheirVolume() throws Exception {
        Path mix = dir.resolve("mix.wav");
        VoiceEngine listener = people.join(new VoiceEngine.Devices(new NullBackend(), null, new WavFileBackend(),
                mix.toString()), TransmitMode.MUTED);
        List<VoiceEngines.Person> speakers = new ArrayList<>();
        for (double hz : HZ) {
            Path tone = dir.resolve((int) hz + ".wav");
            WavFile.write16(tone, syllables(hz), 1, 48_000);
            speakers.add(people.person(new VoiceEngine.Devices(new WavFileBackend(1.0, WavFileBackend.AtEnd.LOOP), tone.toString(), new NullBackend(),
                    null), TransmitMode.CONTINUOUS));
        }
        listener.start().get(60, TimeUnit.SECONDS);
        for (VoiceEngines.Person s : speakers) {
            s.engine().start().get(60, TimeUnit.SECONDS);
        }
        Set<Long> ids = new HashSet<>();
        Await.until("the listener hears all three talking", Duration.ofSeconds(10), () -> {
            List<EngineState.Speaker> heard = listener.snapshot().speakers();
            heard.stream().filter(EngineState.Speaker::talking).forEach(s -> ids.add(s.id()));
            return ids.size() == HZ.length;
        });
        for (int i = 0; i < HZ.length; i++) {
            listener.setVolume(speakers.get(i).session(), VOLUME[i]);
        }
        Thread.sleep(200); // the volumes apply from the next frame; skip a little for safety
        long from = listener.playbackStream().frames();
        Thread.sleep(1500);
        long to = listener.playbackStream().frames();
        listener.close();

        float[] out = SpeechMatch.leftChannel(mix);
        int offset = (int) from + 9600;
        int length = (int) Math.min(to - from - 9600, out.length - offset);
        double[] db = new double[HZ.length];
        for (int i = 0; i < HZ.length; i++) {
            db[i] = 20 * Math.log10(AudioAnalysis.amplitudeAt(out, offset, length, HZ[i], 48_000));
        }
        System.out.printf("mix of three voices at 100/50/150 %%: %.1f, %.1f, %.1f dBFS (relative %.2f and %+.2f dB)%n",
                db[0], db[1], db[2], db[1] - db[0], db[2] - db[0]);
        assertThat(db[0]).as("the first tone at 100 %").isCloseTo(20 * Math.log10(CARRIER), within(PRESENT_DB));
        assertThat(db[1] - db[0]).as("50 % against 100 %").isCloseTo(20 * Math.log10(0.5), within(TOLERANCE_DB));
        assertThat(db[2] - db[0]).as("150 % against 100 %").isCloseTo(20 * Math.log10(1.5), within(TOLERANCE_DB));
    }

    /** Four seconds of a tone at {@code hz} whose level moves like syllables (see {@link #CARRIER}). */
    private static short[] syllables(double hz) {
        short[] out = new short[48_000 * 4];
        for (int i = 0; i < out.length; i++) {
            double t = i / 48_000.0;
            double envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t + hz);
            out[i] = (short) Math.round(32767 * AMPLITUDE * envelope * Math.sin(2 * Math.PI * hz * t));
        }
        return out;
    }
}
