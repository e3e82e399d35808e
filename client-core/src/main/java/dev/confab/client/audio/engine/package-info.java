/**
 * The voice engine: {@link dev.confab.client.audio.engine.VoiceEngine} joins the devices, the
 * capture pipeline, the jitter buffers and the mixer to the voice transport, behind commands and
 * an immutable {@link dev.confab.client.audio.engine.EngineState} snapshot, as the chat client's
 * backend does for the UI.
 *
 * <h2>Paths</h2>
 * <ul>
 *   <li><b>Capture</b>: capture stream (its thread) → {@code SampleRing} (10 frames) →
 *       {@code CapturePipeline} (its own thread) → {@code PacketSink} → {@link
 *       dev.confab.client.audio.engine.VoiceLink#send} with the flags of the moment: echo
 *       ({@code FLAG_ECHO}) over whisper ({@code FLAG_WHISPER} to one chat session) over
 *       normal. The encoder follows the grant's bitrate ({@code VoiceState.bitrate}) from the
 *       link's state listener; {@value dev.confab.client.audio.engine.VoiceEngine#DEFAULT_BITRATE}
 *       b/s before a grant.</li>
 *   <li><b>Receive</b>: the link's audio → {@code Speakers} (the jitter buffers); the playback
 *       stream's thread pulls a frame at the device clock, reads every {@code SpeakerStream},
 *       adds what is not silence to the {@code Mixer} and mixes the stereo frame; it evicts
 *       silent speakers about once a second. Deafened, it still reads every stream (the
 *       buffers keep their pace) but writes silence.</li>
 *   <li><b>Commands</b> set volatile controls (mode, mute, whisper, echo) or the mixer's table
 *       (volumes), so none waits for a frame thread; telling the server
 *       ({@code Request.VoiceState} through {@code ChatSession.request}) is handed to the
 *       engine's own thread. Mute is local ({@code TransmitMode.MUTED}) and reported; the chosen
 *       mode returns on unmute. Deafen does not mute by itself.</li>
 *   <li><b>Snapshot</b>: the engine's thread rebuilds it every 100 ms and publishes it to the
 *       listeners only when it differs from the last: at most 10 a second, each while the
 *       meters move.</li>
 * </ul>
 *
 * <h2>Warm-up</h2>
 * Cold, Concentus takes 5 to 40 ms a frame, so the first talk spurt would be skipped as backlog
 * and the first received frames concealed. {@code start()} starts receiving and playback at once
 * and capture only when {@code VoiceEngine.warmUp()} is done (300 encodes and decodes on a
 * background thread, once per process; its future is what {@code start()} returns). Measured in
 * the loopback test: with it, the output correlates 0.83 with the input (as well as a direct
 * encode and decode, 0.805 whole-file); without it 0.40 to 0.66.
 *
 * <h2>The transport seam</h2>
 * {@link dev.confab.client.audio.engine.VoiceLink} is the little the engine needs of a
 * {@code VoiceConnection} (send, audio, state, report to the server), so that the engine runs
 * without a server: the tests connect engines through an in-memory loopback that delivers each
 * packet to the others with the sender's id (echo back to the sender, whisper to the target),
 * and use WAV files for devices: the speech fixture goes through at correlation at least 0.7
 * (piecewise over 200 ms segments, as the jitter buffer may shift whole frames between spurts),
 * level within 3 dB, 50 % volume 6 ± 1 dB lower, a deafened engine's file all zeros.
 */
package dev.confab.client.audio.engine;
