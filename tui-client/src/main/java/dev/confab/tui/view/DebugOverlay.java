package dev.confab.tui.view;

import com.googlecode.lanterna.TextColor;
import dev.confab.client.app.ClientState;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.protocol.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * F3: the voice diagnostics, per speaker: round trips, jitter-buffer depth, loss, late packets,
 * FEC and PLC counts, bitrate; then the chaos simulator's settings and the audio dumper (the
 * developer panel: {@code /chaos} and {@code /dump} change them).
 */
public final class DebugOverlay {

    private DebugOverlay() {
    }

    public static List<StyledLine> lines(ClientState state) {
        List<StyledLine> out = new ArrayList<>();
        out.add(StyledLine.of(new StyledLine.Span(" voice diagnostics (F3 closes) ", TextColor.ANSI.DEFAULT, true, true)));
        EngineState v = state.voice();
        if (v == null) {
            out.add(StyledLine.plain("voice is off"));
            return out;
        }
        out.add(StyledLine.plain(String.format(Locale.ROOT, "transport %s  udp rtt %s  tcp rtt %s  bitrate %d kb/s",
                v.transport().name().toLowerCase(Locale.ROOT), ms(v.udpRoundTrip()), ms(v.tunnelRoundTrip()),
                v.bitrate() / 1000)));
        out.add(StyledLine.plain(String.format(Locale.ROOT,
                "mic %.0f dBFS  sent %d packets  capture %s  playback %s", v.capture().rmsDbfs(),
                v.capture().packetsSent(), v.captureStream().name().toLowerCase(Locale.ROOT),
                v.playbackStream().name().toLowerCase(Locale.ROOT))));
        out.add(StyledLine.of(new StyledLine.Span(String.format(Locale.ROOT, "%-14s %6s %6s %5s %5s %5s %4s",
                "speaker", "depth", "loss", "late", "fec", "plc", "vol"), TextColor.ANSI.DEFAULT, true, false)));
        for (EngineState.Speaker s : v.speakers()) {
            out.add(StyledLine.plain(String.format(Locale.ROOT, "%-14s %4d ms %5.1f%% %5d %5d %5d %3d%%",
                    name(state, s.id()), s.depthMillis(), s.lossPercent(), s.late(), s.fecFrames(), s.plcFrames(),
                    s.volume())));
        }
        out.add(StyledLine.plain(""));
        out.add(StyledLine.plain("chaos: " + v.chaos().settings() + "  (dropped " + v.chaos().dropped() + ", delayed "
                + v.chaos().delayed() + ", reordered " + v.chaos().reordered() + ")   /chaos loss=10,jitter=30"));
        out.add(StyledLine.plain("audio dump: " + (v.dumpDirectory() == null ? "off   /dump DIR" : v.dumpDirectory()
                + "   /dump off")));
        return out;
    }

    private static String name(ClientState state, long session) {
        for (Member m : state.members()) {
            if (m.session() == session) {
                return m.name();
            }
        }
        return "#" + session;
    }

    private static String ms(Duration d) {
        return d == null ? "-" : d.toMillis() + " ms";
    }
}
