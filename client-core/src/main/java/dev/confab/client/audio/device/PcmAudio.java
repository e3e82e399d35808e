package dev.confab.client.audio.device;

import java.util.Objects;

/**
 * Audio in memory: interleaved samples scaled to [-1, 1] (16-bit 32767 is 0.99997), with their
 * rate and channel count. What {@link WavFile} decodes, whatever the file's sample format.
 *
 * @param samples interleaved: frame i is {@code samples[i * channels, (i + 1) * channels)}; not
 *                copied, so the caller must not change it afterwards
 */
public record PcmAudio(int sampleRate, int channels, float[] samples) {

    public PcmAudio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sampleRate must be positive, not " + sampleRate);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, not " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples are not whole frames of " + channels + " channels");
        }
    }

    /** 16-bit samples (interleaved) as audio. */
    public static PcmAudio of16Bit(short[] samples, int channels, int sampleRate) {
        float[] scaled = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            scaled[i] = samples[i] / 32768f;
        }
        return new PcmAudio(sampleRate, channels, scaled);
    }

    /** Sample frames (samples per channel). */
    public int frames() {
        return samples.length / channels;
    }

    public double seconds() {
        return (double) frames() / sampleRate;
    }

    /** One channel: the average of all of them (so a sound in one channel of two comes out 6 dB lower). */
    public PcmAudio mono() {
        if (channels == 1) {
            return this;
        }
        int frames = frames();
        float[] out = new float[frames];
        for (int i = 0, s = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[s++];
            }
            out[i] = (float) (sum / channels);
        }
        return new PcmAudio(sampleRate, 1, out);
    }

    /** This audio at another rate ({@link Resampler}), channel by channel. */
    public PcmAudio resampled(int rate) {
        if (rate == sampleRate) {
            return this;
        }
        int frames = frames();
        float[] channel = new float[frames];
        float[] out = null;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                channel[i] = samples[i * channels + c];
            }
            float[] converted = Resampler.resample(channel, sampleRate, rate);
            if (out == null) {
                out = new float[converted.length * channels];
            }
            for (int i = 0; i < converted.length; i++) {
                out[i * channels + c] = converted[i];
            }
        }
        return new PcmAudio(rate, channels, out);
    }

    /** 16-bit samples, interleaved, rounded and saturated. */
    public short[] to16Bit() {
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = Resampler.saturate(samples[i] * 32768.0);
        }
        return out;
    }

    /** What the voice path takes: 48 kHz mono 16-bit (channels averaged, then resampled). */
    public short[] toVoice() {
        return mono().resampled(StreamOptions.SAMPLE_RATE).to16Bit();
    }
}
