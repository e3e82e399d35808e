/**
 * The capture pipeline minus the device: {@link dev.confab.client.audio.capture.CapturePipeline}
 * takes exact frames from the {@link dev.confab.client.audio.dsp.SampleRing} the device writes
 * into, runs the DSP, decides per its {@link dev.confab.client.audio.capture.TransmitMode}
 * whether to send, encodes, and hands packets to a
 * {@link dev.confab.client.audio.capture.PacketSink} (the engine's is
 * {@code VoiceConnection.send}). Taps ({@link dev.confab.client.audio.capture.FrameTap}) see the
 * raw and the processed frames for the audio dumper; {@link dev.confab.client.audio.capture.CaptureState}
 * is the snapshot for the UI.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>One frame thread.</b> The device thread only writes the ring; everything else runs
 *       on the pipeline's own thread ({@code start()}), which sleeps in the ring until a whole
 *       frame is there, or on whatever thread drives {@code processAvailable()} (tests, WAV
 *       bots). Controls from other threads are volatile fields read once per frame; the room's
 *       bitrate reaches the encoder that way, before the next frame, so the encoder needs no
 *       lock.</li>
 *   <li><b>DSP order</b>: high-pass, gain (with its limiter), then the level meter and the voice
 *       gate on the result. The gate and the UI's meter see the same number, so a threshold can
 *       be set by watching the meter; the raw tap sees the frame before all of it.</li>
 *   <li><b>The sample clock advances by one frame for every frame</b>, sent or not, skipped or
 *       lost to a full ring (whole frames of it), so receivers see silence as a timestamp gap
 *       with no sequence gap, and timestamps keep pace with real time. It starts at
 *       {@code CaptureOptions.startTimestamp} and wraps at 32 bits.</li>
 *   <li><b>What is sent</b>: a frame goes out when the mode says so; within that, frames Opus
 *       codes as DTX (1 or 2 bytes) are counted and not sent. That includes faint frames at the
 *       end of a voice-activation hangover, which Opus's own detector may already find silent:
 *       the gate decides 200 ms, DTX may trim its quiet tail. Speech is never DTX.</li>
 *   <li><b>Talk spurts</b>: the encoder is reset when sending starts after a pause, so the first
 *       packet does not depend on frames nobody received. Push-to-talk is a held state
 *       (start/stop), as a terminal has no key-up events: the UI's start and stop commands set
 *       it. The frames already in the ring when it is pressed go out (up to one frame of
 *       pre-roll).</li>
 *   <li><b>Latency bound</b>: if more than 4 whole frames (80 ms) wait behind the one being taken,
 *       the oldest are skipped and counted. The ring itself keeps the oldest and drops new audio
 *       when full (its producer cannot move the read position), so a stall first fills the ring
 *       and then the pipeline skips down to fresh audio.</li>
 *   <li><b>No allocation per frame</b> on the pipeline's side (measured 0 bytes per frame while
 *       not encoding); the snapshot record is built only when {@code state()} is called, from one
 *       packed word for the last frame's levels and decisions (so they are never mixed from two
 *       frames) and single-writer counters. Concentus itself allocates inside each encode.</li>
 *   <li><b>Failures stay local</b>: a sink or tap that throws loses its own call, an encode that
 *       fails loses its frame; each is counted and logged once.</li>
 * </ul>
 */
package dev.confab.client.audio.capture;
