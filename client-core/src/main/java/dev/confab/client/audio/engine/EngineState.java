package dev.confab.client.audio.engine;

import dev.confab.client.audio.capture.CaptureState;
import dev.confab.client.audio.capture.TransmitMode;
import dev.confab.client.audio.chaos.ChaosState;
import dev.confab.client.audio.device.StreamState;
import dev.confab.client.voice.VoiceTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link VoiceEngine} is doing, as an immutable snapshot for the UI.
 *
 * @param transport       how voice moves (from the link's {@code VoiceState})
 * @param roundTrip       the round trip of the transport in use, or null
 * @param udpRoundTrip    the UDP round trip, or null
 * @param tunnelRoundTrip the round trip through the chat connection, or null
 * @param bitrate         the room's bitrate the encoder follows; 0 with no grant
 * @param mode            the transmit mode chosen (what it returns to when unmuted)
 * @param muted           whether muted (the pipeline then runs in {@link TransmitMode#MUTED})
 * @param deafened        whether deafened (playback writes silence)
 * @param echoTest        whether packets go out as echo (back to this client only)
 * @param whisperTarget   the chat session id whispered to, or {@link VoiceEngine#NO_WHISPER}
 * @param masterVolume    the master volume, percent
 * @param capture         the capture pipeline: mode, transmitting, levels, VAD, counters
 * @param captureStream   the capture device stream's state
 * @param playbackStream  the playback device stream's state
 * @param speakers        the remote speakers with a stream now, by id
 * @param chaos           the chaos simulator's settings and counters
 * @param dumpDirectory   where the audio dumper writes, or null when it is off
 */
public record EngineState(VoiceTransport transport, Duration roundTrip, Duration udpRoundTrip, Duration tunnelRoundTrip,
                          int bitrate, TransmitMode mode, boolean muted, boolean deafened, boolean echoTest,
                          long whisperTarget, int masterVolume, CaptureState capture, StreamState captureStream,
                          StreamState playbackStream, List<Speaker> speakers, ChaosState chaos,
                          Path dumpDirectory) {

    public EngineState {
        speakers = List.copyOf(speakers);
    }

    /**
     * One remote speaker.
     *
     * @param id          their chat session id
     * @param talking     whether they are talking now
     * @param levelDbfs   their last decoded level, RMS dBFS
     * @param depthMillis audio buffered ahead of the playout point
     * @param lossPercent frames concealed (FEC or PLC) in percent of those played
     * @param late        packets that came after their frame played
     * @param fecFrames   frames rebuilt from the next packet's FEC
     * @param plcFrames   frames concealed with nothing to rebuild from
     * @param volume      the local volume, 0 to 200 %
     * @param muted       whether muted locally
     */
    public record Speaker(long id, boolean talking, double levelDbfs, int depthMillis, double lossPercent, long late,
                          long fecFrames, long plcFrames, int volume, boolean muted) {
    }
}
