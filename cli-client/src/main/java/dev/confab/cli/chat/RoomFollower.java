package dev.confab.cli.chat;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.connect.ServerLink;
import dev.confab.client.chat.ConnectionState;
import dev.confab.client.chat.RequestFailedException;
import dev.confab.protocol.ChatLine;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.RoomInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Follows one room: every message of it exactly once, in id order, across reconnects.
 *
 * <p>Messages are pushed only to people inside a room, so each time the session comes online
 * (the first login, a resume, a new login after a server restart) the follower joins the room,
 * then asks history for everything after the last id it printed, page by page. Live messages
 * that arrive meanwhile are held back and released after the catch-up, skipping any id already
 * printed. The server stores messages through a single writer, so ids grow in commit order and
 * "after the last id printed" misses nothing.
 *
 * <p>The session's listeners and the answers to requests run on its event loop, {@link #start}
 * on the command's thread: one lock guards the state. Lines and the final failure go to a queue
 * that the command's thread prints from, so a slow stdout never stalls the event loop.
 */
final class RoomFollower {

    private final ServerLink link;
    private final Map<String, String> environment;
    private final boolean reconnecting;
    private final int initialCount;
    private final Consumer<String> notice;
    private final BlockingQueue<Object> printQueue = new LinkedBlockingQueue<>();
    private final TreeMap<Long, ChatLine> heldBack = new TreeMap<>();

    private RoomInfo room;
    /** The newest message id printed (or deliberately skipped); null until the first catch-up sets it. */
    private Long lastSeen;
    private boolean catchingUp = true;
    /** Counts connections and stops, so that answers meant for an older connection are ignored. */
    private int generation;
    private boolean offline;
    private boolean stopped;

    /**
     * Listens from now on: make it before logging in, then {@link #start} it.
     *
     * @param reconnecting whether the link reconnects after a drop (else a drop ends the follow)
     * @param after        print everything after this message id first; null to start at the newest
     * @param initialCount with {@code after} null, how many of the newest messages to print first
     * @param notice       where to say that the connection dropped and came back (stderr)
     */
    RoomFollower(ServerLink link, Map<String, String> environment, boolean reconnecting, Long after, int initialCount,
                 Consumer<String> notice) {
        this.link = link;
        this.environment = environment;
        this.reconnecting = reconnecting;
        this.lastSeen = after;
        this.initialCount = initialCount;
        this.notice = notice;
        link.session().addEventListener(this::eventArrived);
        link.session().addStateListener(this::stateChanged);
    }

    /** Starts following {@code target} once logged in (or as soon as it is online again). */
    synchronized void start(RoomInfo target) {
        room = target;
        if (!offline) {
            cameOnline();
        }
    }

    /** The next item to print: a {@link ChatLine}, or the {@link CliException} that ended the follow. */
    Object next() throws InterruptedException {
        return printQueue.take();
    }

    /** True when nothing waits to be printed: time to flush. */
    boolean idle() {
        return printQueue.isEmpty();
    }

    private synchronized void stateChanged(ConnectionState state, Throwable cause) {
        if (stopped) {
            return;
        }
        if (state == ConnectionState.RECONNECTING) {
            offline = true;
            catchingUp = true;
            generation++;
            if (!reconnecting) {
                stop(link.failure(cause));
                return;
            }
            notice.accept((cause == null ? "connection lost" : cause.getMessage()) + "; reconnecting");
        } else if (state == ConnectionState.ONLINE && offline) {
            offline = false;
            notice.accept("reconnected to " + link.session().server());
            if (room != null) {
                cameOnline();
            }
        } else if (state == ConnectionState.CLOSED && cause != null) {
            stop(link.failure(cause));
        }
    }

    private synchronized void eventArrived(Event event) {
        if (stopped || room == null) {
            return;
        }
        if (event instanceof Event.MessagePosted posted && posted.message().room() == room.id()) {
            if (catchingUp) {
                heldBack.put(posted.message().id(), posted.message());
            } else {
                print(posted.message());
            }
        } else if (event instanceof Event.RoomRemoved removed && removed.room() == room.id()) {
            stop(new CliException(Exit.NOT_FOUND, "unknown_room", "the room " + room.name() + " was deleted"));
        }
    }

    private void cameOnline() {
        int current = ++generation;
        catchingUp = true;
        CompletableFuture<Void> caughtUp;
        try {
            caughtUp = RoomAccess.join(link, room, environment)
                    .thenCompose(joined -> catchUp(current));
        } catch (CliException e) {
            stop(e);
            return;
        }
        caughtUp.whenComplete((done, error) -> finishCatchUp(current, error));
    }

    private synchronized CompletableFuture<Void> catchUp(int current) {
        return lastSeen == null ? startAtNewest(current) : catchUpAfter(lastSeen, current);
    }

    /** The first catch-up without a starting id: print the newest few, and remember where that was. */
    private CompletableFuture<Void> startAtNewest(int current) {
        int size = Math.max(1, Math.min(initialCount, Limits.MAX_HISTORY_PAGE));
        return link.request(id -> Request.History.before(id, room.id(), null, size), Reply.HistoryPage.class)
                .thenAccept(page -> printNewest(page.messages(), current));
    }

    private synchronized void printNewest(List<ChatLine> messages, int current) {
        if (current != generation) {
            return;
        }
        int skip = Math.max(0, messages.size() - initialCount);
        lastSeen = skip > 0 ? messages.get(skip - 1).id() : 0L;
        messages.subList(skip, messages.size()).forEach(this::print);
    }

    /** Everything after {@code after}, oldest first, one page at a time. */
    private CompletableFuture<Void> catchUpAfter(long after, int current) {
        return link.request(id -> new Request.History(id, room.id(), null, after, Limits.MAX_HISTORY_PAGE),
                        Reply.HistoryPage.class)
                .thenCompose(page -> printPage(page, current)
                        ? catchUpAfter(page.messages().get(page.messages().size() - 1).id(), current)
                        : CompletableFuture.completedFuture(null));
    }

    /** Prints a catch-up page; true when another page should follow. */
    private synchronized boolean printPage(Reply.HistoryPage page, int current) {
        if (current != generation) {
            return false;
        }
        page.messages().forEach(this::print);
        return page.more() && !page.messages().isEmpty();
    }

    private synchronized void finishCatchUp(int current, Throwable error) {
        if (current != generation) {
            return; // the connection dropped meanwhile; the next one catches up again
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            // Refusals are final; other failures while still online too. A dropped connection is
            // not: the session reconnects and the next catch-up covers the gap.
            if (cause instanceof RequestFailedException || link.session().state() == ConnectionState.ONLINE) {
                stop(link.failure(cause));
            }
            return;
        }
        heldBack.values().forEach(this::print);
        heldBack.clear();
        catchingUp = false;
    }

    /** Prints each id once: history and live delivery overlap around a catch-up. */
    private void print(ChatLine line) {
        if (lastSeen == null || line.id() > lastSeen) {
            lastSeen = line.id();
            printQueue.add(line);
        }
    }

    private void stop(CliException failure) {
        if (!stopped) {
            stopped = true;
            generation++;
            printQueue.add(failure);
        }
    }
}
