package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.ChatLine;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads back what the server stored, through the protocol (History, newest page first, paging
 * to older ones), so the check works against any server, started here or not.
 */
final class StoredMessages {
    private StoredMessages() {
    }

    /** The ids of every message stored in {@code room}. */
    static CompletableFuture<LongList> ids(ChatConnection connection, long room) {
        LongList ids = new LongList();
        return pageBefore(connection, room, null, ids).thenApply(done -> ids);
    }

    private static CompletableFuture<Void> pageBefore(ChatConnection connection, long room, Long before, LongList into) {
        return connection.request(id -> Request.History.before(id, room, before, Limits.MAX_HISTORY_PAGE),
                        Reply.HistoryPage.class)
                .thenCompose(page -> {
                    List<ChatLine> lines = page.messages();
                    lines.forEach(line -> into.add(line.id()));
                    if (!page.more() || lines.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return pageBefore(connection, room, lines.get(0).id(), into);
                });
    }

    /** How the stored ids compare with the acknowledged ones. */
    record Comparison(long stored, long acknowledged, long acknowledgedButMissing, long duplicatesStored) {
        static Comparison of(long[] stored, long[] acknowledged) {
            long[] storedSorted = stored.clone();
            Arrays.sort(storedSorted);
            long duplicates = 0;
            for (int i = 1; i < storedSorted.length; i++) {
                if (storedSorted[i] == storedSorted[i - 1]) {
                    duplicates++;
                }
            }
            long missing = Arrays.stream(acknowledged).filter(id -> Arrays.binarySearch(storedSorted, id) < 0).count();
            return new Comparison(stored.length, acknowledged.length, missing, duplicates);
        }
    }
}
