package dev.confab.bench;

import dev.confab.client.chat.ChatConnection;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The chat side of a voice run: {@code rooms x perRoom} token logins, each joined to its room
 * (connection i to room i mod rooms, so the first {@code rooms} connections are one per room),
 * and the voice grant each receives for that room. The connections stay open for the whole run:
 * closing one would revoke its voice session.
 */
final class VoiceCrowd {
    private static final Duration GRANT_TIMEOUT = Duration.ofSeconds(60);

    /** One logged-in connection and what the server told it. */
    static final class Member {
        final int index;
        final int room;
        volatile ChatConnection connection;
        volatile long chatSession;
        final AtomicReference<Event.VoiceGranted> grant = new AtomicReference<>();

        Member(int index, int room) {
            this.index = index;
            this.room = room;
        }

        void onEvent(Event event) {
            if (event instanceof Event.VoiceGranted granted) {
                grant.set(granted);
            } else if (event instanceof Event.VoiceRevoked revoked) {
                grant.updateAndGet(current -> current != null && current.sessionId() == revoked.sessionId() ? null : current);
            }
        }
    }

    private final List<Member> members;
    private final List<Long> roomIds;

    private VoiceCrowd(List<Member> members, List<Long> roomIds) {
        this.members = members;
        this.roomIds = roomIds;
    }

    /**
     * Logs in and joins everyone, waits for their grants and for the server to go idle; adds the
     * set-up figures to {@code result}.
     */
    static VoiceCrowd assemble(BenchSession session, int rooms, int perRoom, int parallel, Duration phaseTimeout,
                               ScenarioResult result) throws InterruptedException {
        List<Long> roomIds = session.rooms().subList(0, rooms);
        int count = rooms * perRoom;
        Member[] slots = new Member[count];
        for (int i = 0; i < count; i++) {
            slots[i] = new Member(i, i % rooms);
        }
        Bounded.Outcome<Member> opened = Bounded.run("connect", count, parallel, phaseTimeout, i -> {
            Member member = slots[i];
            return session.openClient(connection -> {
                member.connection = connection;
                connection.addEventListener(member::onEvent);
            }).thenApply(loggedIn -> {
                member.chatSession = loggedIn.session();
                return member;
            });
        });
        ScenarioCommand.reportFailures(result, "connect", opened);
        List<Member> loggedIn = new ArrayList<>(opened.results());
        loggedIn.sort((a, b) -> Integer.compare(a.index, b.index));

        Bounded.Outcome<Reply> joined = Bounded.run("join", loggedIn.size(), parallel, phaseTimeout, i -> {
            Member member = loggedIn.get(i);
            long room = roomIds.get(member.room);
            return member.connection.request(id -> new Request.Join(id, room, null));
        });
        ScenarioCommand.reportFailures(result, "join", joined);

        long deadline = System.nanoTime() + GRANT_TIMEOUT.toNanos();
        List<Member> granted;
        while (true) {
            granted = new ArrayList<>();
            for (Member member : loggedIn) {
                Event.VoiceGranted grant = member.grant.get();
                if (grant != null && grant.room() == roomIds.get(member.room)) {
                    granted.add(member);
                }
            }
            if (granted.size() == loggedIn.size() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        Duration settled = Settle.untilIdle(session.target().pid(), Duration.ofMinutes(5));
        result.figure("sessions_logged_in", "chat sessions logged in (token)", loggedIn.size(), "")
                .figure("sessions_granted", "voice sessions granted in their room", granted.size(), "")
                .figure("connect_seconds", "time to connect and log in", opened.took().toMillis() / 1000.0, "s")
                .figure("join_seconds", "time to join the rooms", joined.took().toMillis() / 1000.0, "s")
                .figure("settle_seconds", "server busy after the joins were answered", settled.toMillis() / 1000.0, "s");
        if (granted.size() < count) {
            result.problem((count - granted.size()) + " of " + count + " sessions have no voice grant for their room");
        }
        return new VoiceCrowd(List.copyOf(granted), roomIds);
    }

    List<Member> members() {
        return members;
    }

    int rooms() {
        return roomIds.size();
    }

    /** Where the grants say the relay is; they must all agree (one relay in the server's process). */
    InetSocketAddress relay() {
        if (members.isEmpty()) {
            throw new IllegalStateException("no voice grants: is voice enabled on this server?");
        }
        Event.VoiceGranted first = members.get(0).grant.get();
        for (Member member : members) {
            Event.VoiceGranted grant = member.grant.get();
            if (!grant.host().equals(first.host()) || grant.port() != first.port()) {
                throw new IllegalStateException("grants name more than one relay (" + first.host() + ":" + first.port()
                        + " and " + grant.host() + ":" + grant.port() + "); this load generator loads one");
            }
        }
        return new InetSocketAddress(first.host(), first.port());
    }

    /** The bitrate of the rooms, as granted. */
    int bitrate() {
        return members.isEmpty() ? 0 : members.get(0).grant.get().bitrate();
    }

    /** The granted sessions as the UDP side needs them, in member order. */
    List<VoiceTraffic.Voice> voices() {
        List<VoiceTraffic.Voice> voices = new ArrayList<>(members.size());
        for (Member member : members) {
            Event.VoiceGranted grant = member.grant.get();
            voices.add(new VoiceTraffic.Voice(grant.sessionId(), Base64.getDecoder().decode(grant.key()),
                    member.chatSession, member.room));
        }
        return voices;
    }
}
