package dev.confab.client.audio.capture;

/**
 * Where a {@link CapturePipeline} hands each encoded frame it transmits; the voice engine sends
 * it on with {@code VoiceConnection.send(payload, 0, length, timestamp, flags, party)}.
 * Called on the encoder thread, once per packet, in timestamp order; it must return quickly and
 * never block. A sink that throws loses that packet only (it is counted).
 */
@FunctionalInterface
public interface PacketSink {
    /**
     * @param payload   the Opus packet in {@code payload[0, length)}; the array is reused for the
     *                  next frame, so copy what must be kept
     * @param length    3 to 1275 bytes (1- and 2-byte DTX packets are never sent)
     * @param timestamp the 48 kHz sample clock at the frame's first sample
     */
    void packet(byte[] payload, int length, int timestamp);
}
