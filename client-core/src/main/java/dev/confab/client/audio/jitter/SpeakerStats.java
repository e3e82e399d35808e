package dev.confab.client.audio.jitter;

/**
 * One speaker's receive path at a moment, for diagnostics and the UI. The counters run from the
 * stream's creation.
 *
 * @param speaker        the speaker's chat session id
 * @param talking        whether they are talking now (see {@link SpeakerStream#talking(long)})
 * @param levelDbfs      the RMS level of the last frame played, dBFS ({@code -100} for silence)
 * @param depthMillis    audio buffered ahead of the playout point, gaps included
 * @param delayMillis    how much later than the fastest recent packets the current frame plays:
 *                       the delay the buffer adds (0 between spurts)
 * @param targetMillis   the delay the buffer aims for
 * @param packets        packets received, whatever became of them
 * @param played         frames played from their own packet
 * @param fecFrames      lost frames rebuilt from the next packet's FEC
 * @param plcFrames      lost frames concealed with PLC
 * @param tailFrames     frames concealed with PLC after a spurt's last packet, as the voice fades
 *                       out before silence (not counted as loss)
 * @param stretchFrames  frames concealed to deepen the buffer (PLC that skipped no audio)
 * @param late           packets that came after their frame had played
 * @param duplicates     packets received twice
 * @param overflow       packets dropped for lying beyond the maximum delay
 * @param invalid        packets dropped as empty, off the frame grid, or of another frame size
 * @param decodeErrors   packets the decoder could not read (concealed instead)
 * @param resyncs        times the speaker's clock jumped and the buffer started over
 */
public record SpeakerStats(long speaker, boolean talking, double levelDbfs, int depthMillis, int delayMillis,
                           int targetMillis, long packets, long played, long fecFrames, long plcFrames, long tailFrames,
                           long stretchFrames, long late, long duplicates, long overflow, long invalid,
                           long decodeErrors, long resyncs) {

    /**
     * The share of frames that could not be played from their own packet (lost on the way, or
     * late), in percent of the frames played and concealed; stretches are not counted. 0 before
     * anything played.
     */
    public double lossPercent() {
        long concealed = fecFrames + plcFrames;
        long total = played + concealed;
        return total == 0 ? 0 : 100.0 * concealed / total;
    }

    /** Late packets in percent of those received. */
    public double latePercent() {
        return packets == 0 ? 0 : 100.0 * late / packets;
    }
}
