package dev.confab.protocol;

/**
 * One voice session's counters, with who it belongs to. {@code transport} is how its voice
 * reaches it now: {@code "udp"}, {@code "tunnel"}, or {@code "none"} before its first packet.
 */
public record SessionCounters(long session, String name, long room, String transport, VoiceCounters counters) {
}
