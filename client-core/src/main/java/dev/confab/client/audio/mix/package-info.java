/**
 * Mixing the speakers for playback: {@link dev.confab.client.audio.mix.Mixer}.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Mono in, stereo out, both channels equal.</b> Speakers arrive as 48 kHz mono frames;
 *       devices are opened in stereo, so each mixed sample is written to left and right alike.
 *       (Per-speaker panning would go here, and nowhere else.)</li>
 *   <li><b>Per-person volume 0 to 200 % and local mute, and a master volume 0 to 200 %.</b> The
 *       settings are keyed by the speaker's chat session id and live in the mixer, not in the
 *       speaker's stream, so they survive the stream being let go after a silence. They are an
 *       immutable sorted table behind a volatile field: set from any thread (copy under a lock,
 *       publish), read by the playback thread with a binary search, no lock, no boxing.</li>
 *   <li><b>Float accumulation, soft clipping at the end.</b> Frames are summed in floats (no
 *       overflow whatever the number of speakers), the master volume is applied, and each sample
 *       goes through a soft clipper: linear up to 75 % of full scale (-2.5 dBFS), then a tanh
 *       curve with matching slope that approaches full scale without reaching it. Ordinary
 *       speech mixes pass bit-exact; loud overlaps are compressed rather than cracked, and
 *       nothing wraps.</li>
 *   <li><b>No allocation, no lock per frame</b>: one accumulator of a frame, reused; the output
 *       can be written as shorts or directly as 16-bit little-endian bytes for a device.</li>
 * </ul>
 * Not thread-safe on the frame path: {@code add} and {@code mixTo} belong to the playback
 * thread.
 */
package dev.confab.client.audio.mix;
