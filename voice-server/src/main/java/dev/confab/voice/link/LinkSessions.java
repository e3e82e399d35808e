package dev.confab.voice.link;

import dev.confab.voice.control.TunnelPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which link opened each session, on a voice node. It is the {@link TunnelPeer} the relay is
 * given: a packet for a tunnelled session goes back over the link that opened it. A link that
 * drops closes the sessions it still owns; a session re-opened by a newer link (the chat node
 * reconnected before the old link was noticed dead) belongs to the newer one, so the old link's
 * end leaves it alone.
 *
 * <p>Claims and releases come from the link server's event loop; {@link #deliver} from relay
 * threads.
 */
public final class LinkSessions implements TunnelPeer {

    /** A link, as far as its sessions are concerned. */
    interface Owner {
        /** Sends a packet for one of its sessions back to its chat node; copies what it keeps. */
        void tunnelOut(int sessionId, byte[] packet, int length);
    }

    private final Map<Integer, Owner> owners = new ConcurrentHashMap<>();
    private final AtomicLong unrouted = new AtomicLong();

    void claim(int sessionId, Owner owner) {
        owners.put(sessionId, owner);
    }

    boolean owns(int sessionId, Owner owner) {
        return owners.get(sessionId) == owner;
    }

    /** True when {@code owner} held the session and now does not. */
    boolean release(int sessionId, Owner owner) {
        return owners.remove(sessionId, owner);
    }

    /** Every session {@code owner} held, now released. */
    List<Integer> releaseAll(Owner owner) {
        List<Integer> released = new ArrayList<>();
        owners.forEach((sessionId, held) -> {
            if (held == owner && owners.remove(sessionId, owner)) {
                released.add(sessionId);
            }
        });
        return released;
    }

    /** Sessions currently open through some link. */
    public int size() {
        return owners.size();
    }

    /** Tunnelled packets the relay sent for sessions no link owns (closed meanwhile). */
    public long unrouted() {
        return unrouted.get();
    }

    @Override
    public void deliver(int sessionId, byte[] packet, int length) {
        Owner owner = owners.get(sessionId);
        if (owner != null) {
            owner.tunnelOut(sessionId, packet, length);
        } else {
            unrouted.incrementAndGet();
        }
    }
}
