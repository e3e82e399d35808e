package dev.confab.cli.server;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.SessionCounters;
import dev.confab.protocol.VoiceCounters;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Shows the voice relay's packet counters (admins only): in total since the server started, then per "
                + "open voice session, which a room change replaces. This command's own session is left out.",
                "With --json: first the totals (packetsIn, relayed, the six dropped* counters and their sum dropped), "
                        + "then one object per session: session, name, room, roomName, transport, counters."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli server stats",
                "  confab-cli server stats --json | head -1 | jq .droppedBadSeal"})
public final class ServerStatsCommand implements Callable<Integer> {

    /** Counters in --json output: the wire's VoiceCounters fields plus {@code dropped}, the sum of the drops. */
    record CounterRow(long packetsIn, long relayed, long dropped, long droppedBadSeal, long droppedReplay,
                      long droppedUnknownSession, long droppedRate, long droppedMalformed, long droppedMuted) {

        static CounterRow of(VoiceCounters c) {
            long dropped = c.droppedBadSeal() + c.droppedReplay() + c.droppedUnknownSession() + c.droppedRate()
                    + c.droppedMalformed() + c.droppedMuted();
            return new CounterRow(c.packetsIn(), c.relayed(), dropped, c.droppedBadSeal(), c.droppedReplay(),
                    c.droppedUnknownSession(), c.droppedRate(), c.droppedMalformed(), c.droppedMuted());
        }
    }

    /** One voice session in --json output: the wire's SessionCounters fields plus the room's name. */
    record SessionRow(long session, String name, long room, String roomName, String transport, CounterRow counters) {
    }

    private static final String TOTAL = "%-22s %12d";
    private static final String TABLE = "%-32s %-9s %12s %12s %12s  %s";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        Invocation cli = Invocation.of(spec);
        Output out = cli.output();
        try (ServerLink link = cli.connect()) {
            Reply.ServerStats stats = link.call(Request.ServerStats::new, Reply.ServerStats.class);
            RoomDirectory rooms = RoomDirectory.of(link);
            long own = link.loggedIn().session();
            printTotals(out, CounterRow.of(stats.total()));
            List<SessionCounters> sessions = stats.sessions().stream().filter(s -> s.session() != own).toList();
            if (!out.json() && !sessions.isEmpty()) {
                out.line("");
                out.line(String.format(TABLE, "NAME", "TRANSPORT", "IN", "RELAYED", "DROPPED", "ROOM"));
            }
            for (SessionCounters session : sessions) {
                CounterRow counters = CounterRow.of(session.counters());
                String roomName = rooms.nameOf(session.room());
                out.result(new SessionRow(session.session(), session.name(), session.room(), roomName, session.transport(),
                        counters), String.format(TABLE, session.name(), session.transport(), counters.packetsIn(),
                        counters.relayed(), counters.dropped(), roomName));
            }
        }
        return 0;
    }

    /** The totals: one object with --json, else a block of {@code label  number} lines. */
    private static void printTotals(Output out, CounterRow total) {
        if (out.json()) {
            out.object(total);
            return;
        }
        out.line(String.format(TOTAL, "packets in", total.packetsIn()));
        out.line(String.format(TOTAL, "relayed", total.relayed()));
        out.line(String.format(TOTAL, "dropped", total.dropped()));
        out.line(String.format(TOTAL, "  bad seal", total.droppedBadSeal()));
        out.line(String.format(TOTAL, "  replay", total.droppedReplay()));
        out.line(String.format(TOTAL, "  unknown session", total.droppedUnknownSession()));
        out.line(String.format(TOTAL, "  over rate", total.droppedRate()));
        out.line(String.format(TOTAL, "  malformed", total.droppedMalformed()));
        out.line(String.format(TOTAL, "  muted", total.droppedMuted()));
    }
}
