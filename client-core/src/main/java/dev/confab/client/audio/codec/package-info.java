/**
 * Opus through Concentus (pure Java), one frame per call, into and out of caller-owned buffers.
 *
 * <h2>Encoding ({@link dev.confab.client.audio.codec.OpusFrameEncoder})</h2>
 * Decisions, each measured with Concentus 1.0.2 on speech-like test audio (see the tests):
 * <ul>
 *   <li><b>VOIP application, VBR, mono 48 kHz; 20 ms frames</b>, 10 ms for the low-latency
 *       profile. The encoder's look-ahead is 312 samples (6.5 ms); decoded audio lines up with
 *       the input about 307 samples later.</li>
 *   <li><b>FEC is on, with an expected loss of 10 %</b>. At 0 % Opus codes no FEC at all. FEC
 *       lives in the SILK layer (CELT alone carries none); with FEC on and a loss figure set,
 *       Opus keeps SILK in use, and FEC was measured present from 20 up to 96 kb/s, and in the
 *       10 ms profile (36 of 49 lost frames rebuilt at 24 kb/s).</li>
 *   <li><b>Bandwidth follows the room's bitrate so that FEC is really coded.</b> SILK codes a
 *       redundant copy of the previous frame only when its rate clears a threshold that grows
 *       with the audio bandwidth. At 24 kb/s full band Concentus codes none (0 of 27 lost speech
 *       frames rebuilt: FEC decoding gives exactly the PLC output); capped to wideband, the same
 *       24 kb/s rebuilds 17 of 27 (correlation with the real frame 0.69 against 0.46 for PLC; the
 *       others are the quiet troughs, below about -30 dBFS, of the test signal's syllable
 *       rhythm: SILK protects only frames it rates as clearly active).
 *       So: from 32 kb/s full band (FEC measured present at 32 and 96 kb/s), below that wideband
 *       (present down to 20 kb/s). Below 20 kb/s wideband has no FEC, and only narrowband (4 kHz
 *       audio on every frame) would make room for it: those rooms rely on PLC.</li>
 *   <li><b>DTX in voice rooms only</b> (below 64 kb/s): silence becomes 1-byte packets, which the
 *       capture pipeline does not send, plus a comfort-noise update every 400 ms. At 64 kb/s and
 *       above the room is taken to be for music, and DTX is off: it treated a held two-tone
 *       chord as silence for 143 of 200 frames.</li>
 *   <li><b>Complexity 5</b>: about two thirds of complexity 10's CPU time (0.55 to 0.9 ms per
 *       20 ms frame on the loaded 2-core test machine, against 0.75 to 1.7), with the same
 *       waveform fidelity on the test speech; see the class comment.</li>
 *   <li><b>Warm-up</b>: a cold Concentus takes 15 to 40 ms per 20 ms frame until the JIT has
 *       compiled it, so the engine should call {@code OpusFrameEncoder.warmUp(300)} in the
 *       background at start-up; otherwise the start of the first talk spurt falls behind and is
 *       skipped as backlog.</li>
 *   <li><b>Room changes</b>: {@code setBitrate} between frames; the encoder is not rebuilt, so
 *       nothing restarts. Out-of-range rates are clamped to 6 to 510 kb/s, never refused.</li>
 *   <li><b>Packet sizes</b> (speech, 20 ms): 55, 76 and 152 bytes on average at 24, 32 and
 *       64 kb/s, 91 to 95 % of the nominal 60, 80 and 160 (VBR spends less on easy frames).</li>
 * </ul>
 *
 * <h2>Decoding ({@link dev.confab.client.audio.codec.OpusFrameDecoder})</h2>
 * One decoder per remote speaker, owned by the playback thread; every call yields exactly one
 * frame (20 or 10 ms), so the playback cadence never depends on what arrived:
 * <ul>
 *   <li><b>Three ways to make a frame</b>: decode its packet; rebuild a lost one from the FEC in
 *       the packet after it (decode with FEC on, then decode that packet normally next frame);
 *       conceal it with PLC when nothing follows yet. The jitter buffer decides which. On 24 kb/s
 *       wideband speech with 7 % of frames lost, SNR against a lossless decode was 8.3 dB with
 *       silence in the holes, 9.2 dB with PLC (which keeps the level, within 4.7 dB on lost
 *       frames, rather than the waveform) and 17.5 dB with FEC where the next packet was there.</li>
 *   <li><b>Bad packets are concealed, counted, never thrown</b>: empty ones, ones of another
 *       frame size (checked from the table of contents before decoding), and ones Concentus
 *       fails on, after which its state is reset.</li>
 *   <li><b>Concentus writes into a private frame, copied out</b>: on some corrupt packets
 *       (a CELT table of contents followed by random bytes, measured) it writes before the
 *       output offset it was given.</li>
 * </ul>
 */
package dev.confab.client.audio.codec;
