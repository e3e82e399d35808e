package dev.confab.client.audio.capture;

/**
 * What a {@link CapturePipeline} is doing, as an immutable snapshot for the UI and diagnostics.
 * The levels and decisions describe the last frame processed; the counters run from the start.
 *
 * @param mode               the transmission mode
 * @param talkKeyDown        whether push-to-talk is held
 * @param voiceDetected      whether the voice detector's gate was open for the last frame
 * @param transmitting       whether the last frame was sent (or would have been but for DTX)
 * @param rmsDbfs            the last frame's RMS level after the DSP, in dBFS ({@code LevelMeter.SILENCE_DBFS} for silence)
 * @param peakDbfs           the last frame's peak level after the DSP, in dBFS
 * @param voiceThresholdDbfs the voice detector's threshold, to draw on the same meter
 * @param gainDb             the microphone gain set
 * @param bitrate            the encoder's bitrate, bits per second
 * @param framesCaptured     frames taken from the ring and processed (in every mode)
 * @param framesTransmitted  frames encoded because the mode said send
 * @param packetsSent        packets handed to the sink (transmitted frames less DTX ones)
 * @param bytesSent          Opus bytes handed to the sink
 * @param framesDiscontinuous transmitted frames that came out as DTX silence and were not sent
 * @param framesSkipped      whole frames skipped to catch up with a backlog
 * @param samplesOverflowed  samples the device wrote into a full ring and lost
 * @param encodeFailures     frames the encoder failed on (not sent)
 * @param callbackFailures   sink and tap calls that threw
 */
public record CaptureState(TransmitMode mode, boolean talkKeyDown, boolean voiceDetected, boolean transmitting,
                           double rmsDbfs, double peakDbfs, double voiceThresholdDbfs, double gainDb, int bitrate,
                           long framesCaptured, long framesTransmitted, long packetsSent, long bytesSent,
                           long framesDiscontinuous, long framesSkipped, long samplesOverflowed,
                           long encodeFailures, long callbackFailures) {
}
