/**
 * Signal processing for the capture path, one frame of 16-bit samples at a time. Every class
 * works in place on caller-owned arrays and allocates nothing per frame; none is thread-safe
 * except {@link dev.confab.client.audio.dsp.SampleRing}, which is made for one producer and one
 * consumer thread.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>The ring between the device and the encoder thread</b>
 *       ({@link dev.confab.client.audio.dsp.SampleRing}) is a single-producer single-consumer
 *       ring of shorts with volatile positions and no locks: the device side never waits. When
 *       it is full a write keeps what it holds and drops the tail of the incoming block, counted
 *       in {@code overflowedSamples()}: only the consumer may move the read position, so dropping
 *       the oldest is the consumer's job (the capture pipeline skips whole frames of backlog). The
 *       consumer may sleep in {@code awaitAvailable}; the producer wakes it with one unpark when
 *       its wanted count is reached, at most about once a frame.</li>
 *   <li><b>High-pass</b> ({@link dev.confab.client.audio.dsp.HighPass}): 4th-order Butterworth
 *       at 80 Hz by default (two biquads), rather than 1st or 2nd order: -34 dB at 30 Hz and
 *       -16 dB at 50 Hz hum against -19 dB and -9 dB for 2nd order, while 100 Hz (the lowest male
 *       voices) loses only 0.7 dB and 300 Hz up is flat. Orders 1 and 2 stay available.</li>
 *   <li><b>Levels</b> ({@link dev.confab.client.audio.dsp.LevelMeter}) are dBFS with 0 dBFS at a
 *       sample magnitude of 32768, so a full-scale sine is -3.01 dBFS RMS; digital silence reads
 *       -100 dBFS rather than minus infinity, so it can be stored, compared and drawn.</li>
 *   <li><b>Voice activity</b> ({@link dev.confab.client.audio.dsp.VoiceActivity}) is a level gate
 *       on the frame's RMS after the DSP: the level the meter shows, so the threshold can be set
 *       by looking at the meter. Default -40 dBFS, 200 ms hangover (10 frames of 20 ms, 20 of
 *       10 ms), attack of one frame (the frame that opens the gate is sent). No spectral speech
 *       detector: the gate only decides whether to send, and Opus's own voice detector drives
 *       DTX inside what is sent.</li>
 *   <li><b>Gain</b> ({@link dev.confab.client.audio.dsp.Gain}) looks at the whole frame before
 *       applying it: when gain times the frame's peak would pass -1 dBFS it drops at once to what
 *       fits, then recovers at 20 dB/s with a per-sample ramp. No sample clips; at 0 dB it is an
 *       exact pass-through.</li>
 * </ul>
 */
package dev.confab.client.audio.dsp;
