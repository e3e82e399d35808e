package dev.confab.client.audio.device;

import java.util.concurrent.TimeUnit;

/**
 * Plays a tone into a playback device while capturing from a device that hears it (a PulseAudio
 * null sink and its monitor), and measures what came back.
 */
final class Loopback {

    static final int RATE = StreamOptions.SAMPLE_RATE;

    /**
     * @param hz           the frequency found in the loudest 200 ms of the capture
     * @param levelDb      the captured tone's amplitude relative to the played one, in dB
     * @param latencyMs    from the first tone frame handed to playback to the tone in the capture
     * @param overruns     capture overruns
     * @param underruns    playback underruns
     * @param captureMs    capture's device buffer
     * @param playbackMs   playback's device buffer
     * @param dropouts     5 ms windows inside the captured tone more than 3 dB below its level
     */
    record Result(double hz, double levelDb, double latencyMs, long overruns, long underruns, double captureMs,
            double playbackMs, int wrongFrameSizes, int dropouts) {
    }

    private Loopback() {
    }

    static Result run(AudioBackend backend, String playbackDevice, String captureDevice, StreamOptions options,
            double hz, double amplitude) throws Exception {
        Recorder recorder = new Recorder(RATE * 4, options.frameSamples());
        int toneSamples = RATE * 6 / 10;
        int[] toneStart = {-1};
        FrameSource tone = new FrameSource() {
            private int played;

            @Override
            public void fill(short[] stereo, int frames) {
                if (played == 0) {
                    toneStart[0] = recorder.length();
                }
                for (int i = 0; i < frames && played < toneSamples; i++, played++) {
                    short s = (short) Math.round(32767 * amplitude * Math.sin(2 * Math.PI * hz * played / RATE));
                    stereo[2 * i] = s;
                    stereo[2 * i + 1] = s;
                }
            }
        };
        long overruns;
        long underruns;
        double captureMs;
        double playbackMs;
        try (CaptureStream capture = backend.openCapture(captureDevice, options, recorder)) {
            capture.start();
            awaitSamples(recorder, RATE / 5, 3000); // flowing, past any start-up stall
            try (PlaybackStream playback = backend.openPlayback(playbackDevice, options, tone)) {
                playback.start();
                awaitSamples(recorder, recorder.length() + RATE * 11 / 10, 4000);
                underruns = playback.underruns();
                playbackMs = playback.bufferMillis();
            }
            overruns = capture.overruns();
            captureMs = capture.bufferMillis();
        }
        float[] heard = recorder.floats();
        int window = RATE / 5;
        int loudest = AudioAnalysis.loudestWindow(heard, window, RATE / 100);
        double found = AudioAnalysis.dominantHz(heard, loudest, window, RATE, 100, 8000);
        double level = 20 * Math.log10(AudioAnalysis.amplitudeAt(heard, loudest, window, hz, RATE) / amplitude);
        int onset = AudioAnalysis.firstAbove(heard, Math.max(0, toneStart[0]), 20 * Math.log10(amplitude) - 20, RATE);
        double latency = onset < 0 || toneStart[0] < 0 ? Double.NaN : (onset - toneStart[0]) * 1000.0 / RATE;
        return new Result(found, level, latency, overruns, underruns, captureMs, playbackMs, recorder.wrongSizes(),
                dropouts(heard, onset, toneSamples, amplitude));
    }

    /** Counts 5 ms windows of the tone (its first and last 10 ms aside) more than 3 dB below a steady sine's RMS. */
    private static int dropouts(float[] heard, int onset, int toneSamples, double amplitude) {
        if (onset < 0) {
            return -1;
        }
        double expected = 20 * Math.log10(amplitude / Math.sqrt(2));
        int window = RATE / 200;
        int count = 0;
        for (int at = onset + RATE / 100; at + window <= Math.min(heard.length, onset + toneSamples - RATE / 100); at += window) {
            if (AudioAnalysis.rmsDbfs(heard, at, window) < expected - 3) {
                count++;
            }
        }
        return count;
    }

    private static void awaitSamples(Recorder recorder, int samples, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (recorder.length() < samples && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
