package dev.confab.tui.view;

import com.googlecode.lanterna.TextColor;
import dev.confab.client.app.ClientState;
import dev.confab.client.audio.capture.CaptureState;
import dev.confab.client.audio.engine.EngineState;
import dev.confab.protocol.RoomInfo;
import java.time.Duration;
import java.util.Locale;

/**
 * The bottom line: server and connection state, room, what the microphone does (a reversed red
 * {@code  TX } while transmitting, so nobody talks by accident; otherwise the mode), a level
 * meter, then the round trip, the worst loss among the speakers and whether voice goes over UDP
 * or the tunnel ({@code 3ms 0.0% udp}).
 */
public final class StatusBar {

    /** Cells of the level meter: -60 to 0 dBFS. */
    static final int METER_CELLS = 10;

    private StatusBar() {
    }

    public static StyledLine line(ClientState state, String pttLabel) {
        StyledLine.Builder line = new StyledLine.Builder();
        String server = state.server() == null ? "not connected" : state.server();
        line.add(server + " ", TextColor.ANSI.DEFAULT, true);
        switch (state.phase()) {
            case ONLINE -> line.add("online", TextColor.ANSI.GREEN, false);
            case CONNECTING -> line.add("connecting", TextColor.ANSI.YELLOW, false);
            case RECONNECTING -> line.add("reconnecting", TextColor.ANSI.YELLOW_BRIGHT, true);
            case OFFLINE -> line.add(state.problem() == null ? "offline" : "offline: " + state.problem(),
                    TextColor.ANSI.RED, false);
        }
        RoomInfo room = state.room();
        if (room != null) {
            line.add(" | " + room.name());
        }
        EngineState voice = state.voice();
        if (voice == null) {
            return line.add(" | voice off", TextColor.ANSI.BLACK_BRIGHT, false).build();
        }
        CaptureState capture = voice.capture();
        line.add(" | ");
        if (capture.transmitting()) {
            line.reverse(" TX ");
        } else if (voice.muted()) {
            line.add("MUTED", TextColor.ANSI.RED, true);
        } else {
            line.add(pttLabel, TextColor.ANSI.DEFAULT, false);
        }
        if (voice.deafened()) {
            line.add(" DEAF", TextColor.ANSI.RED, true);
        }
        line.add(" " + meter(capture.rmsDbfs()), capture.voiceDetected() ? TextColor.ANSI.GREEN : TextColor.ANSI.DEFAULT,
                false);
        // Round trip, worst loss, transport: terse, so that it all fits in 80 columns.
        Duration ping = voice.roundTrip();
        line.add(" | " + (ping == null ? "-" : ping.toMillis() + "ms") + " "
                + String.format(Locale.ROOT, "%.1f%%", worstLoss(voice)) + " "
                + voice.transport().name().toLowerCase(Locale.ROOT));
        return line.build();
    }

    /** {@code [####------]}: one cell per 6 dB from -60 dBFS. */
    static String meter(double dbfs) {
        int cells = (int) Math.round(Math.max(0, Math.min(METER_CELLS, (dbfs + 60) / 6)));
        return "[" + "#".repeat(cells) + "-".repeat(METER_CELLS - cells) + "]";
    }

    private static double worstLoss(EngineState voice) {
        double worst = 0;
        for (EngineState.Speaker s : voice.speakers()) {
            worst = Math.max(worst, s.lossPercent());
        }
        return worst;
    }
}
