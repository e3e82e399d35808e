package dev.confab.client.audio.engine;

import dev.confab.client.voice.AudioListener;
import dev.confab.client.voice.VoiceState;
import dev.confab.client.voice.VoiceTransport;
import dev.confab.protocol.voice.VoicePacket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * An in-memory voice "server": every link's packets go to the others' audio listeners, stamped
 * with the sender's id, as the real server relays them (echo back to the sender only, whisper to
 * the target only). Delivery is synchronous, on the sender's thread. {@link #depart} plays the
 * chat server's word that someone left the room.
 */
final class Loopback {

    static final int BITRATE = 40_000;

    private final List<Link> links = new CopyOnWriteArrayList<>();

    Link join(long id) {
        Link link = new Link(id);
        links.add(link);
        return link;
    }

    /** {@code id} leaves: it is dropped from the hub, and every other link tells its departure listeners. */
    void depart(long id) {
        links.removeIf(l -> l.id == id);
        for (Link l : links) {
            l.departures.forEach(d -> d.accept(id));
        }
    }

    /** A packet as sent. */
    record Sent(int timestamp, int flags, long party, int length) {
    }

    final class Link implements VoiceLink {
        final long id;
        final List<AudioListener> audio = new CopyOnWriteArrayList<>();
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        final List<Boolean[]> reports = new CopyOnWriteArrayList<>();
        final AtomicLong received = new AtomicLong();
        volatile VoiceState state = new VoiceState(VoiceTransport.UDP, 7, 1, BITRATE, Duration.ofMillis(3), null,
                0, 0, 0, 0, 0, 0, 0);

        Link(long id) {
            this.id = id;
        }

        @Override
        public boolean send(byte[] payload, int offset, int length, int timestamp, int flags, long party) {
            sent.add(new Sent(timestamp, flags, party, length));
            for (Link to : links) {
                boolean echo = (flags & VoicePacket.FLAG_ECHO) != 0;
                boolean whisper = (flags & VoicePacket.FLAG_WHISPER) != 0;
                boolean deliver = echo ? to == this : to != this && (!whisper || to.id == party);
                if (deliver) {
                    to.received.incrementAndGet();
                    byte[] copy = Arrays.copyOfRange(payload, offset, offset + length);
                    for (AudioListener l : to.audio) {
                        l.audio(id, timestamp, flags & (VoicePacket.FLAG_ECHO | VoicePacket.FLAG_WHISPER), copy);
                    }
                }
            }
            return true;
        }

        @Override
        public void addAudioListener(AudioListener listener) {
            audio.add(listener);
        }

        final List<Consumer<? super VoiceState>> stateListeners = new CopyOnWriteArrayList<>();
        final List<LongConsumer> departures = new CopyOnWriteArrayList<>();

        @Override
        public void addDepartureListener(LongConsumer listener) {
            departures.add(listener);
        }

        @Override
        public void addStateListener(Consumer<? super VoiceState> listener) {
            stateListeners.add(listener);
            listener.accept(state);
        }

        /** A new grant for another room, at {@code bitrate}. */
        void regrant(int bitrate) {
            VoiceState s = state;
            state = new VoiceState(s.transport(), s.sessionId() + 1, s.room() + 1, bitrate, s.udpRoundTrip(), null,
                    0, 0, 0, 0, 0, 0, 0);
            stateListeners.forEach(l -> l.accept(state));
        }

        @Override
        public VoiceState state() {
            return state;
        }

        @Override
        public CompletableFuture<?> reportVoiceState(Boolean muted, Boolean deafened) {
            reports.add(new Boolean[] {muted, deafened});
            return CompletableFuture.completedFuture(null);
        }
    }
}
