package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.protocol.ChatLine;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.RoomInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Prints a room's messages, oldest first: the newest N, the newest N before a message id, "
                + "or the oldest N after one (catching up from the last id you saw).",
                "With --json, one message per line: id, room, user, name, text, action, ts."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli history --room ops --limit 20",
                "  confab-cli history --room ops --json --after \"$LAST_ID\" | jq -r .text"})
public final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--room", paramLabel = "ROOM", required = true, description = "The room's name (any case) or id.")
    String room;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50",
            description = "How many messages, at most (default: ${DEFAULT-VALUE}; more than 500 are fetched in pages).")
    int limit;

    @ArgGroup(exclusive = true)
    Position position;

    static final class Position {
        @Option(names = "--before", paramLabel = "ID", description = "Only messages older than this message id.")
        Long before;

        @Option(names = "--after", paramLabel = "ID", description = "Only messages newer than this message id, oldest first.")
        Long after;
    }

    @Override
    public Integer call() throws CliException {
        if (limit < 1) {
            throw CliException.usage("--limit must be at least 1, not " + limit);
        }
        Invocation cli = Invocation.of(spec);
        Output out = cli.output();
        try (ServerLink link = cli.connect()) {
            RoomInfo target = RoomDirectory.of(link).resolve(room);
            RoomAccess.ensureReachable(link, target, cli.environment());
            if (position != null && position.after != null) {
                printForwards(link, target.id(), position.after, out);
            } else {
                for (ChatLine line : fetchBackwards(link, target.id(), position == null ? null : position.before)) {
                    ChatLineFormat.print(out, line);
                }
            }
        }
        return 0;
    }

    /** Oldest first from {@code after}, printed page by page as they come. */
    private void printForwards(ServerLink link, long roomId, long after, Output out) throws CliException {
        long cursor = after;
        int left = limit;
        while (left > 0) {
            long from = cursor;
            int size = Math.min(left, Limits.MAX_HISTORY_PAGE);
            Reply.HistoryPage page = link.call(id -> new Request.History(id, roomId, null, from, size), Reply.HistoryPage.class);
            for (ChatLine line : page.messages()) {
                ChatLineFormat.print(out, line);
            }
            left -= page.messages().size();
            if (!page.more() || page.messages().isEmpty()) {
                return;
            }
            cursor = page.messages().get(page.messages().size() - 1).id();
        }
    }

    /** The newest {@link #limit} before {@code before}, fetched newest page first and returned oldest first. */
    private Deque<ChatLine> fetchBackwards(ServerLink link, long roomId, Long before) throws CliException {
        Deque<ChatLine> lines = new ArrayDeque<>();
        Long cursor = before;
        while (lines.size() < limit) {
            Long until = cursor;
            int size = Math.min(limit - lines.size(), Limits.MAX_HISTORY_PAGE);
            Reply.HistoryPage page = link.call(id -> Request.History.before(id, roomId, until, size), Reply.HistoryPage.class);
            List<ChatLine> messages = page.messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                lines.addFirst(messages.get(i));
            }
            if (!page.more() || messages.isEmpty()) {
                break;
            }
            cursor = messages.get(0).id();
        }
        return lines;
    }
}
