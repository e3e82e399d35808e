package dev.confab.client.voice;

import java.time.Duration;

/**
 * What a {@link VoiceConnection} is doing, as an immutable snapshot.
 *
 * @param transport             how voice moves now
 * @param sessionId             the granted voice session id; 0 when {@link VoiceTransport#OFF}
 * @param room                  the room the grant is for; 0 when off
 * @param bitrate               the room's bitrate in bits per second; 0 when off
 * @param udpRoundTrip          smoothed round trip of pings over UDP for this grant, or null until one was answered
 * @param tunnelRoundTrip       the same through the chat connection (TCP; pinged every second whatever
 *                              the route, as a probe while UDP is the route), or null
 * @param packetsSent           packets handed to UDP or the tunnel, audio and pings, since the connection was made
 * @param packetsReceived       downlink packets that passed every check, audio and pongs
 * @param sendsDropped          packets that could not be sent: no usable path (chat offline while
 *                              tunnelling, no UDP socket) or a backed-up connection
 * @param droppedMalformed      downlink bytes that are no valid server packet (bad layout, unknown
 *                              flags, not marked downlink, bad base64 in the tunnel)
 * @param droppedUnknownSession well-formed packets for a voice session that is not (or no longer) ours
 * @param droppedReplay         packets whose sequence was already seen or is too old
 * @param droppedBadSeal        packets that did not open under the session's key: forged or damaged
 */
public record VoiceState(VoiceTransport transport, int sessionId, long room, int bitrate,
                         Duration udpRoundTrip, Duration tunnelRoundTrip,
                         long packetsSent, long packetsReceived, long sendsDropped,
                         long droppedMalformed, long droppedUnknownSession, long droppedReplay, long droppedBadSeal) {

    /** Before anything happened. */
    public static final VoiceState INITIAL =
            new VoiceState(VoiceTransport.OFF, 0, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0);

    /** The round trip of the transport in use (the tunnel's while connecting), or null. */
    public Duration roundTrip() {
        return switch (transport) {
            case UDP -> udpRoundTrip;
            case TUNNEL, CONNECTING -> tunnelRoundTrip;
            case OFF -> null;
        };
    }

    /** Every downlink packet dropped, whatever the reason. */
    public long droppedTotal() {
        return droppedMalformed + droppedUnknownSession + droppedReplay + droppedBadSeal;
    }
}
