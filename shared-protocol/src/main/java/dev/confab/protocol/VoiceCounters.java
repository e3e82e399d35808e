package dev.confab.protocol;

/**
 * Packet counters of a voice relay (or of one session at it). {@code relayed} counts packets
 * sent out, so one packet into a room of ten adds nine. The drops say why a packet went
 * nowhere: a seal that did not open, a replayed or stale sequence, a session the relay does not
 * know (never at session level), a sender over its room's bitrate, bytes that are not a voice
 * packet, or a server-muted or deafened sender.
 */
public record VoiceCounters(long packetsIn, long relayed, long droppedBadSeal, long droppedReplay,
        long droppedUnknownSession, long droppedRate, long droppedMalformed, long droppedMuted) {
}
