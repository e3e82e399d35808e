package dev.confab.voice.control;

import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.VoiceCounters;
import java.util.List;

/** A voice relay's counters at one moment. */
public record RelayStats(VoiceCounters total, List<SessionCounters> sessions) {
}
