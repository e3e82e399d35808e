/**
 * Audio devices for the voice engine: one {@link dev.confab.client.audio.device.AudioBackend}
 * interface over Java Sound, PulseAudio (libpulse through JNA), PortAudio (JNA), WAV files and
 * nothing, chosen by name with
 * {@link dev.confab.client.audio.device.AudioBackends#byName(String)}; plus the WAV reader and
 * writer and the resampler that the file backend, bots and tests use.
 *
 * <h2>What the engine calls</h2>
 * <pre>{@code
 * AudioBackend backend = AudioBackends.byName("javasound");          // or defaultBackend()
 * CaptureStream mic = backend.openCapture(null, StreamOptions.DEFAULT,
 *         (samples, count) -> ring.write(samples, 0, count));           // capture thread
 * PlaybackStream speaker = backend.openPlayback(null, StreamOptions.DEFAULT,
 *         (stereo, frames) -> mixer.mix(stereo, frames));                // playback thread
 * mic.start(); speaker.start();
 * ... mic.overruns(), speaker.underruns(), mic.state(), mic.failure() ...
 * speaker.close(); mic.close();
 * }</pre>
 * Every stream is 48 kHz 16-bit PCM: capture mono, playback stereo (the mixer's output), in
 * frames of {@link dev.confab.client.audio.device.StreamOptions#frameSamples()} samples (960 =
 * 20 ms, 480 = 10 ms).
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>One thread per stream, owned by the backend.</b> Capture's thread blocks on the
 *       device for one frame and hands it to a {@link dev.confab.client.audio.device.FrameConsumer}
 *       ({@code accept(short[] samples, int count)}), which only moves the samples (into the
 *       engine's lock-free ring); it always gets whole frames.</li>
 *   <li><b>Playback is pulled by the device.</b> The playback thread asks a
 *       {@link dev.confab.client.audio.device.FrameSource} ({@code fill(short[] stereo, int
 *       frames)}) for one frame and writes it to the device, blocking while the device buffer is
 *       full: the device's clock paces the mixer and at most one buffer of audio waits ahead of
 *       the speaker. Chosen over a push {@code write} from an engine thread because the mixer
 *       then never has to guess when the device wants audio, and over native callbacks (Java
 *       Sound has none; PortAudio's would call into Java from a real-time native thread
 *       through JNA) because a blocking loop behaves the same on every backend. The array
 *       is zeroed before each call, so a source that writes nothing plays silence.</li>
 *   <li><b>Small explicit buffers.</b> {@link dev.confab.client.audio.device.StreamOptions#DEFAULT}
 *       is 20 ms frames in a 30 ms buffer, {@link
 *       dev.confab.client.audio.device.StreamOptions#LOW_LATENCY} 10 ms frames in 20 ms. Java
 *       Sound lines are always opened with the buffer given (its own default is 500 ms);
 *       PortAudio gets it as suggestedLatency with framesPerBuffer = one frame; PulseAudio as
 *       the stream's target length. All ran with no drop-out, overrun or underrun through
 *       PulseAudio here.</li>
 *   <li><b>PulseAudio directly</b> ({@link dev.confab.client.audio.device.PulseAudioBackend},
 *       {@code pulse}): Java Sound and PortAudio reach PulseAudio (or PipeWire) through ALSA's
 *       pulse plugin, which buffers on top of what was asked for: the latency benchmark measured
 *       the two device streams at about 110 ms that way against 56 ms through libpulse's simple
 *       API, whose buffer attributes are end to end. It is the one to choose on a Linux desktop
 *       when latency matters; Java Sound stays the default because it needs nothing native.</li>
 *   <li><b>Errors.</b> A device that is not there is a checked
 *       {@link dev.confab.client.audio.device.NoSuchAudioDeviceException} whose message names it
 *       and the devices that are; one that will not open is an
 *       {@link dev.confab.client.audio.device.AudioDeviceException} saying why. A device or
 *       consumer that fails while running ends its stream in state FAILED with the reason in
 *       {@code failure()}; nothing is thrown at the engine's threads.</li>
 *   <li><b>PortAudio loading</b> ({@link dev.confab.client.audio.device.PortAudioBackend}):
 *       libportaudio.so.2 through JNA direct mapping, initialised once per process and never
 *       terminated; {@code available()} is false, with the reason, when the library is missing.
 *       ALSA's and JACK's stderr chatter (Pa_Initialize probes every ALSA device and looks for a
 *       JACK server) goes to the debug log instead, so it cannot scribble over the terminal UI.
 *       A device named {@code alsa:PCM} opens any ALSA PCM: {@code alsa:pulse:SINK} is a
 *       PulseAudio sink of one's own, for several clients in one process.</li>
 *   <li><b>Java Sound on Linux</b> ({@link dev.confab.client.audio.device.JavaSoundBackend})
 *       reaches PulseAudio as the single mixer "default [default]" through ALSA's pulse plugin.
 *       ALSA decides once per process whether PulseAudio runs; when no mixer takes the format
 *       the backend makes ALSA read its configuration again and looks once more.</li>
 *   <li><b>Resampling</b> ({@link dev.confab.client.audio.device.Resampler}): Kaiser-windowed
 *       sinc, 32 zero crossings each side, cut-off at 0.91 of the lower Nyquist frequency: flat
 *       to 0.001 dB up to 0.8 of it, more than 85 dB down beyond 1.05 of it; polyphase taps for
 *       every common ratio (linear interpolation would be cheaper but has no real low-pass).</li>
 *   <li><b>WAV files</b> ({@link dev.confab.client.audio.device.WavFile}): the reader is a pure
 *       function of the bytes (8/16/24/32-bit PCM, 32/64-bit float, extensible, 1 to 8
 *       channels) that throws only {@link dev.confab.client.audio.device.WavFormatException};
 *       files are turned into voice by averaging the channels and resampling to 48 kHz. The
 *       writer is 16-bit PCM and rewrites its header every second.</li>
 *   <li><b>No device clock</b> (WAV, null): a pacer on absolute deadlines, real time by default or
 *       any speed up to unpaced; when more than 200 ms late it restarts the schedule rather than
 *       rushing, and counts that as an overrun or underrun.</li>
 * </ul>
 *
 * <h2>Tests on a machine without a sound card</h2>
 * {@code scripts/pulseaudio-test-server} starts a headless PulseAudio (null sink
 * {@code confab_speaker} at 48 kHz mono, its monitor as the default source, a silent null source
 * looped into each sink so the first capture read does not stall for 2 s). The device tests run
 * it and skip, with the reason, when it or PulseAudio is not installed.
 */
package dev.confab.client.audio.device;
