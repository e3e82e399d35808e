/**
 * The receive side of voice, per remote speaker: an adaptive jitter buffer and an Opus decoder
 * that turn packets arriving in any order into one frame of PCM per tick of the playback clock.
 *
 * <h2>Parts and how the engine uses them</h2>
 * <ul>
 *   <li>{@link dev.confab.client.audio.jitter.Speakers}: the registry, and the
 *       {@code AudioListener} a {@code VoiceConnection} delivers to. It creates a
 *       {@link dev.confab.client.audio.jitter.SpeakerStream} on a speaker's first packet, drops
 *       it when told they left ({@code remove}) or after {@code evictAfter} of silence
 *       ({@code evictSilent}, to be called now and then; 30 s by default), and holds at most
 *       {@code maxSpeakers} (64) streams, dropping and counting packets beyond that.</li>
 *   <li>{@link dev.confab.client.audio.jitter.SpeakerStream}: buffer + decoder + "talking" +
 *       {@link dev.confab.client.audio.jitter.SpeakerStats}.</li>
 *   <li>{@link dev.confab.client.audio.jitter.JitterBuffer}: the decisions, with no audio in
 *       it, so properties can be checked on any arrival schedule.</li>
 * </ul>
 * Each frame (20 ms, or 10 ms in the low-latency profile) the playback thread does:
 * <pre>{@code
 * long now = System.nanoTime();                        // the clock Speakers stamps arrivals with
 * for (SpeakerStream s : speakers.streams()) {
 *     if (s.read(pcm, 0, now) != JitterBuffer.Kind.SILENCE) {
 *         mixer.add(s.speaker(), pcm, 0);
 *     }
 * }
 * mixer.mixTo(stereo, 0);
 * }</pre>
 *
 * <h2>Ordering by timestamp</h2>
 * Downlink packets carry the receiver's sequence number, one counter over all speakers, so it
 * says nothing about one speaker's order. The buffer orders, detects gaps and drops by the
 * speaker's 32-bit sample clock instead, unwrapped to 64 bits around the highest seen (the first
 * packet lands in [0, 2^32)). A frame is a slot of {@code frameSamples} on a grid set by the first
 * packet of a spurt; DTX pauses show as jumps of many frames.
 *
 * <h2>How long to wait: the target</h2>
 * A packet's transit is its arrival time minus its timestamp (both in samples). The
 * <b>baseline</b> is the least transit of the last 100 packets: when the fastest packets come.
 * Each packet's <b>excess</b> over the baseline at its arrival goes into a history of 5 s
 * (250 packets of 20 ms), late packets included, as they are the evidence. The <b>target</b>
 * delay is the 98th percentile of that history, kept within [{@code minDelay},
 * {@code maxDelay}] = [20 ms, 250 ms] by default ([10, 250] at 10 ms frames), and not below
 * {@code startDelay} (40 ms; 20 ms at 10 ms frames) until the history holds a second of packets.
 * It thus starts at 40 ms, grows as soon as packets come later, and falls back once the late
 * ones have left the history; on a clean network it settles at one frame (every stage after it
 * is paced by whole frames, so less would not play sooner). Packets more than 1 s off the baseline are not learnt from; three in a row mean the
 * sender's clock jumped (a restart), and the buffer starts over (counted as a resync).
 * The 98 % was chosen on the simulated network below: 95 % gave 1.4 % late at 40 ms jitter, 99 %
 * cost another 7 ms of delay for 0.2 % late.
 *
 * <h2>When to play: spurts</h2>
 * Frame {@code s} is due at {@code s + baseline + target} (on the arrival clock). Between spurts
 * the buffer answers silence until the earliest frame it holds is due; from then on each pull
 * takes the next frame, whatever happened, so the playback cadence never depends on arrivals:
 * <ul>
 *   <li>its packet is here: {@code PACKET};</li>
 *   <li>missing, and the next frame's packet is here: {@code FEC} (rebuild it from that packet);</li>
 *   <li>missing, and nothing after it yet: {@code PLC};</li>
 *   <li>missing while the delay is below the target: {@code STRETCH}, concealment that does not
 *       move on, so the buffer deepens by one frame exactly where audio was missing anyway (and
 *       the late packet usually still makes it). The delay never grows past {@code maxDelay}.</li>
 * </ul>
 * A spurt ends after {@code concealLimit} (80 ms) of concealment with nothing buffered (the
 * speaker stopped), or when the next buffered packet lies more than that ahead (a DTX pause,
 * already followed by the next spurt). The next spurt starts again at its own due time with the
 * current target, which is how the delay <b>shrinks during silence</b> (and grows, if needed):
 * while a spurt plays, audio is never skipped or compressed. Each spurt's delay lies within a
 * frame above the target, the phase of the playback clock against the sender's frames deciding
 * where. The concealment after a spurt's last packet is counted as a tail, not as loss.
 *
 * <h2>Drops, all counted</h2>
 * <ul>
 *   <li><b>late</b>: the frame was already played, concealed or passed over;</li>
 *   <li><b>duplicate</b>: the frame is buffered, or was played within the ring's memory (the
 *       ring remembers the slots it held: 32 frames, 640 ms, by default);</li>
 *   <li><b>overflow</b>: while a spurt plays, a packet more than {@code maxDelay} ahead of the
 *       frame playing (the newcomer is dropped, so what plays stays continuous); before a spurt
 *       starts, its oldest frames when it would hold more than {@code maxDelay}, or when they are
 *       more than {@code maxDelay} overdue (a spurt never starts further behind);</li>
 *   <li><b>invalid</b>: empty, off the spurt's frame grid, or of another frame size than the
 *       stream's (every speaker must use the receiver's frame size).</li>
 * </ul>
 *
 * <h2>Bounds</h2>
 * Audio held ahead of the playout point: at most {@code maxDelay} (250 ms). Target: within
 * [{@code minDelay}, {@code maxDelay}]. Memory per speaker: a ring of 32 slots (64 at 10 ms), the
 * delay histories (about 5 KB, 9 KB at 10 ms), a Concentus decoder. CPU: filing a packet moves at most 250 values;
 * a pull is a few comparisons.
 *
 * <h2>Threads: the hand-off</h2>
 * Packets arrive on the network thread, pulls happen on the playback thread. Each
 * {@code SpeakerStream} has one lock, held by the network thread only to file a packet (well
 * under a microsecond) and by the playback thread only to take a decision; the decision hands
 * over the sender's payload array (never written by anyone after delivery), and decoding runs
 * after the lock is released. A lock rather than a lock-free queue: contention is one packet
 * against one pull per 20 ms, and the buffer stays a plain single-threaded structure that
 * properties can be checked on. The decoder belongs to the playback thread. {@code Speakers}
 * publishes its directory (sorted ids and streams) as an immutable pair of arrays behind a
 * volatile field: lookups and the playback thread's walk take no lock and allocate nothing;
 * creating and removing a stream copy it under a lock. Counters and "talking" may be read from
 * any thread. Nothing on the pull path allocates except inside Concentus's decode (about 12 KB
 * per frame, short-lived).
 *
 * <h2>Talking</h2>
 * A packet arrived within {@code talkHold} (200 ms) and, if frames were decoded in that time,
 * one of them was above {@code talkThresholdDbfs} (-50 dBFS RMS): with DTX a silent speaker sends
 * nothing; without it (music rooms) quiet frames keep arriving and must not light the speaker up.
 *
 * <h2>Measured</h2>
 * On a seeded simulated network ({@code bin/bench-audio jitter}, in the benchmarks module, with
 * its test): 10 % random loss, jitter uniform in [0, J], speech in spurts of 1 to 4 s with DTX
 * pauses; 3 seeds and 10 clock phases, 60 s each (added delay = playout time minus the earliest
 * possible arrival):
 * <ul>
 *   <li>J = 40 ms, 20 ms frames, no reordering (the case): p50 50 ms, p95 51 ms,
 *       0.07 % late.</li>
 *   <li>J = 40 ms with 5 % of packets held behind the next one: p50 56 ms, p95 64 ms; late
 *       0.74 %; per minute 235 FEC, 89 PLC, 3 stretches; the longest silence inside a spurt one
 *       frame (only after more than four losses in a row).</li>
 *   <li>J = 30 ms, 5 % reordered: p50 49 ms, late 0.64 %. Clean network: 30 ms (the one-frame
 *       floor plus the clock phase), 15 ms in the 10 ms profile.</li>
 *   <li>Real Opus (24 kb/s wideband speech) through the chaos simulator's schedule at 10 % loss,
 *       30 ms jitter, 5 % reordering ({@code SpeakerStreamTest}): what plays is 16.3 dB SNR from a
 *       lossless decode, against 8.9 dB with silence in the holes.</li>
 *   <li>Ten speakers received, decoded and mixed: 0.65 ms per 20 ms frame, 3.3 % of one core
 *       ({@code bin/bench-audio cpu}).</li>
 * </ul>
 */
package dev.confab.client.audio.jitter;
