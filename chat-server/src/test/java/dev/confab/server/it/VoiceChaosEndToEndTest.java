package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.audio.SpeechMatch;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosSettings;
import dev.confab.client.audio.device.NullBackend;
import dev.confab.client.audio.device.WavFileBackend;
import dev.confab.client.audio.dump.AudioDumper;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.client.audio.engine.VoiceEngine;
import dev.confab.client.chat.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speech through a bad network: A speaks the speech fixture (looped, about 12 s) through the real
 * server with its chaos simulator at 10 % loss, 30 ms jitter and 5 % reordering; B records what
 * it plays. Checked against what A sent, decoded cleanly (A's audio dumper writes exactly that,
 * {@code post_opus_decode.wav}): B's output never falls silent for more than one frame inside
 * speech, B's jitter buffer rebuilt frames with FEC and concealed others with PLC, and the result
 * is measurably closer to what was said than the same speech with as many frames replaced by
 * silence.
 */
class VoiceChaosEndToEndTest {

    private static final ChaosSettings CHAOS = new ChaosSettings(10, 0, 30, 5);
    private static final int FRAME = 960;
    /** Four times through the 3.09 s fixture: enough lost pairs that PLC surely runs. */
    private static final int FRAMES_SPOKEN = 620;
    /** A frame this quiet in the output, inside speech, is a gap. */
    private static final double GAP_DBFS = -60;
    /** Frames at least this loud, with their two neighbours each side, are inside speech. */
    private static final double SPEECH_DBFS = -40;
    /** How far a segment may sit from the global alignment: the jitter buffer moves by whole frames. */
    private static final int SLACK = 4 * FRAME;
    /** 40 ms: the segments the quality is measured over, each at its own best alignment. */
    private static final int SEGMENT = 1920;

    /** How many random picks of lost frames the silence baseline is the median of. */
    private static final int SILENCE_DRAWS = 21;
    /**
     * How much better than silence the output must be. Measured over six runs here: 12.2 to
     * 16.1 dB against 8.5 to 9.6 dB for silence, never less than 2.7 dB better (FEC frames are coded at a lower rate
     * and the buffer's adaptation moves audio by whole frames, so concealment is far from
     * perfect, but it is clearly better than nothing).
     */
    private static final double MIN_GAIN_OVER_SILENCE_DB = 1.5;

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
    void speechThroughLossJitterAndReorderingHasNoGapsAndBeatsSilence() throws Exception {
        Path speech = VoiceEngines.speechFixture(dir);
        Path heard = dir.resolve("heard.wav");
        Path dump = dir.resolve("dump");

        VoiceEngine listener = people.join(new VoiceEngine.Devices(new NullBackend(), null, new WavFileBackend(),
                heard.toString()), TransmitMode.MUTED);
        VoiceEngine speaker = people.join(new VoiceEngine.Devices(new WavFileBackend(1.0, WavFileBackend.AtEnd.LOOP),
                speech.toString(), new NullBackend(), null), TransmitMode.CONTINUOUS);
        speaker.setChaos(CHAOS);
        speaker.startDump(dump);
        listener.start().get(60, TimeUnit.SECONDS);
        speaker.start().get(60, TimeUnit.SECONDS);

        Await.until("A spoke " + FRAMES_SPOKEN + " frames", Duration.ofSeconds(30),
                () -> speaker.snapshot().capture().framesCaptured() >= FRAMES_SPOKEN);
        speaker.stopDump();
        Thread.sleep(400); // the last packets through the chaos and the jitter buffer
        EngineState.Speaker a = listener.snapshot().speakers().get(0);
        EngineState chaos = speaker.snapshot();
        listener.close();
        speaker.close();

        float[] sent = SpeechMatch.leftChannel(dump.resolve(AudioDumper.POST_OPUS_DECODE));
        float[] out = SpeechMatch.leftChannel(heard);
        SpeechMatch match = SpeechMatch.of(sent, out);
        int[] lags = segmentLags(sent, out, match.lag());
        int longestGap = longestGap(sent, out, lags);
        double snr = snrDb(sent, out, lags);
        int concealed = (int) (a.fecFrames() + a.plcFrames());
        double silenceSnr = silenceSnrDb(sent, concealed, lags.length);
        System.out.printf("chaos %s: dropped %d, delayed %d, reordered %d; B: FEC %d, PLC %d, late %d, loss %.1f %%, "
                        + "depth %d ms; %s; longest gap %d frames; SNR %.1f dB, with %d frames of silence instead %.1f dB%n",
                CHAOS, chaos.chaos().dropped(), chaos.chaos().delayed(), chaos.chaos().reordered(), a.fecFrames(),
                a.plcFrames(), a.late(), a.lossPercent(), a.depthMillis(), match, longestGap, snr, concealed,
                silenceSnr);

        assertThat(chaos.chaos().dropped()).as("packets the chaos dropped").isGreaterThan(FRAMES_SPOKEN / 20);
        assertThat(chaos.chaos().reordered()).as("packets the chaos reordered").isPositive();
        assertThat(a.fecFrames()).as("frames rebuilt from FEC").isPositive();
        assertThat(a.plcFrames()).as("frames concealed by PLC").isPositive();
        assertThat(longestGap).as("the longest run of silent frames inside speech").isLessThanOrEqualTo(1);
        assertThat(snr).as("SNR against what was sent, over silence inserted instead (%.1f dB)", silenceSnr)
                .isGreaterThan(silenceSnr + MIN_GAIN_OVER_SILENCE_DB);
    }

    /** For each {@link #SEGMENT} of {@code x}, the lag into {@code y} within {@link #SLACK} of {@code lag} that fits best. */
    private static int[] segmentLags(float[] x, float[] y, int lag) {
        int[] lags = new int[x.length / SEGMENT];
        for (int s = 0; s < lags.length; s++) {
            float[] part = Arrays.copyOfRange(x, s * SEGMENT, (s + 1) * SEGMENT);
            double best = -2;
            lags[s] = lag;
            for (int l = Math.max(0, lag - SLACK); l <= lag + SLACK && s * SEGMENT + l + SEGMENT <= y.length; l++) {
                double c = SpeechMatch.correlation(part, y, s * SEGMENT + l);
                if (c > best) {
                    best = c;
                    lags[s] = l;
                }
            }
        }
        return lags;
    }

    /** The longest run of frames inside speech in {@code x} that came out silent in {@code y}. */
    private static int longestGap(float[] x, float[] y, int[] lags) {
        int frames = lags.length * SEGMENT / FRAME;
        boolean[] loud = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            loud[f] = dbfs(x, f * FRAME) > SPEECH_DBFS;
        }
        int longest = 0;
        int run = 0;
        for (int f = 2; f < frames - 2; f++) {
            boolean inSpeech = loud[f - 2] && loud[f - 1] && loud[f] && loud[f + 1] && loud[f + 2];
            int at = f * FRAME + lags[f * FRAME / SEGMENT];
            boolean silent = at + FRAME > y.length || dbfs(y, at) < GAP_DBFS;
            run = inSpeech && silent ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** The SNR of {@code y} against {@code x} over the segments, each at its own lag. */
    private static double snrDb(float[] x, float[] y, int[] lags) {
        double signal = 0;
        double noise = 0;
        for (int s = 0; s < lags.length; s++) {
            for (int i = s * SEGMENT; i < (s + 1) * SEGMENT; i++) {
                double error = x[i] - y[i + lags[s]];
                signal += (double) x[i] * x[i];
                noise += error * error;
            }
        }
        return 10 * Math.log10(signal / noise);
    }

    /**
     * The SNR of {@code x} with {@code frames} of its frames inside speech replaced by silence:
     * what a receiver with no FEC and no PLC would play. Which frames are lost matters (a loud
     * one costs more), so this is the median over {@link #SILENCE_DRAWS} random picks.
     */
    private static double silenceSnrDb(float[] x, int frames, int segments) {
        List<Integer> speech = new ArrayList<>();
        for (int f = 0; (f + 1) * FRAME <= x.length; f++) {
            if (dbfs(x, f * FRAME) > SPEECH_DBFS) {
                speech.add(f);
            }
        }
        Random random = new Random(5);
        double[] snr = new double[SILENCE_DRAWS];
        for (int draw = 0; draw < SILENCE_DRAWS; draw++) {
            Collections.shuffle(speech, random);
            float[] y = x.clone();
            for (int f : speech.subList(0, Math.min(frames, speech.size()))) {
                Arrays.fill(y, f * FRAME, (f + 1) * FRAME, 0f);
            }
            snr[draw] = snrDb(x, y, new int[segments]);
        }
        Arrays.sort(snr);
        return snr[SILENCE_DRAWS / 2];
    }

    private static double dbfs(float[] x, int from) {
        return 20 * Math.log10(SpeechMatch.rms(x, from, FRAME) + 1e-12);
    }
}
