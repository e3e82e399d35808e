package dev.confab.bench;

import dev.confab.protocol.voice.VoiceCipher;
import dev.confab.protocol.voice.VoicePacket;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.LongObjectHashMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.SecretKey;

/**
 * The UDP side of the voice load: many voice sessions over a few sockets, real sealed packets.
 *
 * <p>Sessions are spread over {@code sockets} UDP sockets (session i on socket i mod sockets), each
 * connected to the relay, so the relay learns one source address per socket and sends the
 * downlink of all its sessions there; receivers tell them apart by the session id in the header.
 * {@code receiverThreads} threads each watch some of the sockets with a selector and drain them.
 * One pacing thread sends every speaker's frames on one schedule ({@link FrameSchedule}),
 * sealing each for real with a random 60 to 120 byte payload, with its send time in the
 * header's timestamp ({@link VoiceStamp}), which the relay passes through, so every receiver
 * can time every packet.
 */
final class VoiceTraffic implements AutoCloseable {
    static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final int MIN_PAYLOAD = 60;
    static final int MAX_PAYLOAD = 120;
    /** The kernel caps this at net.core.rmem_max / wmem_max (then doubles it). */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final int PING_PAYLOAD = 8;
    /** Datagrams read from one socket before looking at the others. */
    private static final int DRAIN_BATCH = 256;

    /** One voice session, as granted to one chat connection. */
    static final class Voice {
        final int voiceSession;
        final SecretKey key;
        final long chatSession;
        /** The room's index in the run (0 .. rooms - 1). */
        final int room;
        DatagramChannel channel;
        /** The last uplink sequence used: touched by one thread at a time (the pinger, then the pacer). */
        long uplinkSequence;
        volatile boolean routed;

        Voice(int voiceSession, byte[] key, long chatSession, int room) {
            this.voiceSession = voiceSession;
            this.key = VoiceCipher.key(key);
            this.chatSession = chatSession;
            this.room = room;
        }
    }

    /** Packets sent in [startMicros, endMicros) are counted and timed by receivers. */
    static final class Window {
        final long startMicros;
        final long endMicros;
        final LatencyRecorder[] latencies;
        final AtomicLong[] received;

        Window(long startMicros, long endMicros, int receivers, int capacityEach) {
            this.startMicros = startMicros;
            this.endMicros = endMicros;
            this.latencies = new LatencyRecorder[receivers];
            this.received = new AtomicLong[receivers];
            for (int i = 0; i < receivers; i++) {
                latencies[i] = new LatencyRecorder(capacityEach);
                received[i] = new AtomicLong();
            }
        }

        long received() {
            long sum = 0;
            for (AtomicLong count : received) {
                sum += count.get();
            }
            return sum;
        }

        LatencyRecorder.Summary latency() {
            return LatencyRecorder.summary(List.of(latencies));
        }
    }

    /** What the receivers saw, in total since the start; single writer per counter. */
    record ReceiverTotals(long datagrams, long audio, long pongs, long opened, long badSeal, long misrouted,
                          long malformed, long foreign) {
        ReceiverTotals minus(ReceiverTotals b) {
            return new ReceiverTotals(datagrams - b.datagrams, audio - b.audio, pongs - b.pongs, opened - b.opened,
                    badSeal - b.badSeal, misrouted - b.misrouted, malformed - b.malformed, foreign - b.foreign);
        }
    }

    /** What one level's pacer did. */
    record Sent(long sent, long sentInWindow, long expectedInWindow, long refused, double targetPerSecond,
                LatencyRecorder.Summary lag) {
    }

    private final long epochNanos = System.nanoTime();
    private final Voice[] voices;
    private final IntObjectHashMap<Voice> bySession = new IntObjectHashMap<>();
    private final LongObjectHashMap<Voice> byChat = new LongObjectHashMap<>();
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final Set<Integer> localPorts = new HashSet<>();
    private final Receiver[] receivers;
    private final Thread[] receiverThreads;
    private final int rooms;
    private volatile Window window;

    /**
     * Opens the sockets and starts the receivers.
     *
     * @param openEvery open (decrypt and check) one received audio packet in this many; 1 opens all
     */
    VoiceTraffic(List<Voice> voices, int rooms, InetSocketAddress relay, int sockets, int readers, int openEvery)
            throws IOException {
        this.voices = voices.toArray(new Voice[0]);
        this.rooms = rooms;
        for (Voice voice : voices) {
            bySession.put(voice.voiceSession, voice);
            byChat.put(voice.chatSession, voice);
        }
        int threads = Math.min(readers, sockets);
        this.receivers = new Receiver[threads];
        this.receiverThreads = new Thread[threads];
        try {
            for (int i = 0; i < threads; i++) {
                receivers[i] = new Receiver(i, openEvery);
            }
            for (int i = 0; i < sockets; i++) {
                DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
                channels.add(channel);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
                channel.bind(new InetSocketAddress(relay.getAddress(), 0));
                channel.connect(relay);
                channel.configureBlocking(false);
                localPorts.add(((InetSocketAddress) channel.getLocalAddress()).getPort());
                channel.register(receivers[i % threads].selector, SelectionKey.OP_READ);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        for (int i = 0; i < this.voices.length; i++) {
            this.voices[i].channel = channels.get(i % sockets);
        }
        for (int i = 0; i < threads; i++) {
            receiverThreads[i] = new Thread(receivers[i], "voice-receiver-" + i);
            receiverThreads[i].setDaemon(true);
            receiverThreads[i].start();
        }
    }

    /** The local ports of this generator's sockets, to find them in /proc/net/udp. */
    Set<Integer> localPorts() {
        return Set.copyOf(localPorts);
    }

    int sessions() {
        return voices.length;
    }

    long routed() {
        long n = 0;
        for (Voice voice : voices) {
            n += voice.routed ? 1 : 0;
        }
        return n;
    }

    long nowMicros() {
        return (System.nanoTime() - epochNanos) / 1000;
    }

    /**
     * Every session pings the relay until it has a pong (so the relay knows its route, and this
     * generator knows that the relay knows), at most {@code attempts} rounds {@code wait} apart.
     * Returns how many sessions have a route.
     */
    long pingAll(int attempts, long waitMillis) throws IOException, InterruptedException {
        VoiceCipher cipher = new VoiceCipher();
        byte[] packet = new byte[VoicePacket.MAX_PACKET_BYTES];
        byte[] payload = new byte[PING_PAYLOAD];
        ByteBuffer buffer = ByteBuffer.wrap(packet);
        for (int attempt = 0; attempt < attempts && routed() < voices.length; attempt++) {
            int sent = 0;
            for (Voice voice : voices) {
                if (voice.routed) {
                    continue;
                }
                long now = System.nanoTime();
                for (int i = 0; i < PING_PAYLOAD; i++) {
                    payload[i] = (byte) (now >>> (56 - 8 * i));
                }
                int header = VoicePacket.writeHeader(packet, 0, voice.voiceSession, ++voice.uplinkSequence,
                        VoiceStamp.of(nowMicros()), VoicePacket.KIND_PING, 0);
                int length = cipher.seal(voice.key, packet, 0, header, payload, 0, PING_PAYLOAD);
                buffer.clear().limit(length);
                voice.channel.write(buffer);
                // A thousand pings at once would only test the relay's receive buffer.
                if (++sent % 100 == 0) {
                    Thread.sleep(2);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (System.nanoTime() < deadline && routed() < voices.length) {
                Thread.sleep(10);
            }
        }
        return routed();
    }

    /** The voices that have a route, in order: the speakers are taken from the front. */
    List<Voice> routedVoices() {
        List<Voice> routed = new ArrayList<>();
        for (Voice voice : voices) {
            if (voice.routed) {
                routed.add(voice);
            }
        }
        return routed;
    }

    ReceiverTotals receiverTotals() {
        long[] t = new long[8];
        for (Receiver r : receivers) {
            t[0] += r.datagrams.get();
            t[1] += r.audio.get();
            t[2] += r.pongs.get();
            t[3] += r.opened.get();
            t[4] += r.badSeal.get();
            t[5] += r.misrouted.get();
            t[6] += r.malformed.get();
            t[7] += r.foreign.get();
        }
        return new ReceiverTotals(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
    }

    /** Called on the measuring thread at the edges of the measured window. */
    interface WindowHooks {
        void started();

        void ended();
    }

    /** What {@link #run} measured: the pacer's side and the receivers'. */
    record Run(Sent sent, long received, LatencyRecorder.Summary latency, ReceiverTotals receivers) {
    }

    /**
     * Sends frames from {@code speakers} for {@code warmupNanos + windowNanos}, counting and
     * timing at the receivers what was sent in the window after the warm-up, then waits for the
     * stragglers (at most {@code drainMillis}).
     */
    Run run(List<Voice> speakers, long warmupNanos, long windowNanos, long drainMillis, WindowHooks hooks)
            throws InterruptedException {
        int[] routedInRoom = new int[rooms];
        for (Voice voice : voices) {
            if (voice.routed) {
                routedInRoom[voice.room]++;
            }
        }
        FrameSchedule schedule = new FrameSchedule(speakers.size(), FRAME_NANOS);
        double windowSeconds = windowNanos / 1e9;
        long expectedInWindow = 0;
        for (Voice speaker : speakers) {
            expectedInWindow += routedInRoom[speaker.room] - 1;
        }
        // Capacity for every delivery of the window, with room for a pacer that catches up.
        long perSecond = Math.round(expectedInWindow * 1e9 / FRAME_NANOS);
        int capacityEach = (int) Math.min(50_000_000, (long) (perSecond * windowSeconds * 1.5 / receivers.length) + 10_000);
        ReceiverTotals before = receiverTotals();
        long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long windowStart = startNanos + warmupNanos;
        long windowEnd = windowStart + windowNanos;
        Window measured = new Window((windowStart - epochNanos) / 1000, (windowEnd - epochNanos) / 1000,
                receivers.length, capacityEach);
        window = measured;
        Pacer pacer = new Pacer(speakers.toArray(new Voice[0]), routedInRoom, schedule, startNanos, measured,
                (int) Math.min(50_000_000, (long) (schedule.sendsPerSecond() * windowSeconds * 1.2) + 1000));
        Thread pacerThread = new Thread(pacer, "voice-pacer");
        pacerThread.setDaemon(true);
        pacerThread.start();
        sleepUntil(windowStart);
        hooks.started();
        sleepUntil(windowEnd);
        hooks.ended();
        pacer.stop = true;
        pacerThread.join(10_000);
        // Stragglers: wait until nothing more arrives for 200 ms, or the drain time is up.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = receiverTotals().datagrams();
            if (now == last) {
                break;
            }
            last = now;
            Thread.sleep(200);
        }
        window = null;
        Sent sent = new Sent(pacer.sent, pacer.sentInWindow, pacer.expectedInWindow, pacer.refused,
                schedule.sendsPerSecond(), pacer.lag.summary());
        return new Run(sent, measured.received(), measured.latency(), receiverTotals().minus(before));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    @Override
    public void close() {
        for (Receiver receiver : receivers) {
            if (receiver != null) {
                receiver.running = false;
                try {
                    receiver.selector.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread thread : receiverThreads) {
            if (thread != null) {
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends every speaker's frames on one schedule; one thread, sealing each packet itself. */
    private final class Pacer implements Runnable {
        private final Voice[] speakers;
        private final int[] routedInRoom;
        private final FrameSchedule schedule;
        private final long startNanos;
        private final Window window;
        private final LatencyRecorder lag;
        private final VoiceCipher cipher = new VoiceCipher();
        private final byte[] packet = new byte[VoicePacket.MAX_PACKET_BYTES];
        private final ByteBuffer buffer = ByteBuffer.wrap(packet);
        /** Random bytes that payloads are cut from: the content does not matter, only that it is sealed. */
        private final byte[] noise = new byte[64 * 1024];
        private final SplittableRandom random = new SplittableRandom();
        volatile boolean stop;
        volatile long sent;
        volatile long sentInWindow;
        volatile long expectedInWindow;
        volatile long refused;

        Pacer(Voice[] speakers, int[] routedInRoom, FrameSchedule schedule, long startNanos, Window window,
              int lagCapacity) {
            this.speakers = speakers;
            this.routedInRoom = routedInRoom;
            this.schedule = schedule;
            this.startNanos = startNanos;
            this.window = window;
            this.lag = new LatencyRecorder(lagCapacity);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (byte) random.nextInt(256);
            }
        }

        @Override
        public void run() {
            long n = 0;
            long sentCount = 0;
            long inWindow = 0;
            long expected = 0;
            long refusedCount = 0;
            while (!stop) {
                long now = System.nanoTime();
                long due = startNanos + schedule.dueNanos(n);
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                Voice speaker = speakers[schedule.speaker(n)];
                long micros = (now - epochNanos) / 1000;
                int payload = MIN_PAYLOAD + random.nextInt(MAX_PAYLOAD - MIN_PAYLOAD + 1);
                int header = VoicePacket.writeHeader(packet, 0, speaker.voiceSession, ++speaker.uplinkSequence,
                        VoiceStamp.of(micros), VoicePacket.KIND_AUDIO, 0);
                int length = cipher.seal(speaker.key, packet, 0, header, noise,
                        random.nextInt(noise.length - MAX_PAYLOAD), payload);
                buffer.clear().limit(length);
                int written;
                try {
                    written = speaker.channel.write(buffer);
                } catch (IOException e) {
                    written = 0; // e.g. ECONNREFUSED from an ICMP error after the relay went away
                }
                sentCount++;
                if (written == 0) {
                    refusedCount++;
                } else if (micros >= window.startMicros && micros < window.endMicros) {
                    inWindow++;
                    expected += routedInRoom[speaker.room] - 1;
                    lag.record(now - due);
                }
                n++;
                if ((n & 63) == 0) {
                    publish(sentCount, inWindow, expected, refusedCount);
                }
            }
            publish(sentCount, inWindow, expected, refusedCount);
        }

        private void publish(long sentCount, long inWindow, long expected, long refusedCount) {
            sent = sentCount;
            sentInWindow = inWindow;
            expectedInWindow = expected;
            refused = refusedCount;
        }
    }

    /** Drains some of the sockets on one thread; counts, times and (some) opens what arrives. */
    private final class Receiver implements Runnable {
        final Selector selector;
        final int index;
        final int openEvery;
        final VoiceCipher cipher = new VoiceCipher();
        final byte[] in = new byte[VoicePacket.MAX_PACKET_BYTES + 1];
        final ByteBuffer buffer = ByteBuffer.wrap(in);
        final byte[] plain = new byte[VoicePacket.MAX_PACKET_BYTES];
        final AtomicLong datagrams = new AtomicLong();
        final AtomicLong audio = new AtomicLong();
        final AtomicLong pongs = new AtomicLong();
        final AtomicLong opened = new AtomicLong();
        final AtomicLong badSeal = new AtomicLong();
        final AtomicLong misrouted = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong foreign = new AtomicLong();
        volatile boolean running = true;
        private long untilOpen;

        Receiver(int index, int openEvery) throws IOException {
            this.index = index;
            this.openEvery = openEvery;
            this.selector = Selector.open();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        drain((DatagramChannel) key.channel());
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | ClosedSelectorException e) {
                // closed: the run is over
            }
        }

        private void drain(DatagramChannel channel) throws IOException {
            for (int i = 0; i < DRAIN_BATCH; i++) {
                buffer.clear();
                int length;
                try {
                    length = channel.read(buffer);
                } catch (java.net.PortUnreachableException e) {
                    continue; // an ICMP error queued on the socket; the next read goes on
                }
                if (length <= 0) {
                    return;
                }
                datagrams.lazySet(datagrams.get() + 1);
                handle(length);
            }
        }

        private void handle(int length) {
            int header = VoicePacket.validate(in, 0, length);
            int flags = header < 0 ? 0 : VoicePacket.flags(in, 0);
            if (header < 0 || (flags & VoicePacket.FLAG_DOWNLINK) == 0) {
                malformed.lazySet(malformed.get() + 1);
                return;
            }
            Voice receiver = bySession.get(VoicePacket.session(in, 0));
            if (receiver == null) {
                foreign.lazySet(foreign.get() + 1);
                return;
            }
            int kind = flags & VoicePacket.KIND_MASK;
            if (kind == VoicePacket.KIND_PONG) {
                if (!receiver.routed) {
                    receiver.routed = true;
                }
                pongs.lazySet(pongs.get() + 1);
                return;
            }
            if (kind != VoicePacket.KIND_AUDIO) {
                malformed.lazySet(malformed.get() + 1);
                return;
            }
            long nowMicros = (System.nanoTime() - epochNanos) / 1000;
            int stamp = VoicePacket.timestamp(in, 0);
            audio.lazySet(audio.get() + 1);
            Voice speaker = byChat.get(VoicePacket.party(in, 0));
            if (speaker == null || speaker == receiver || speaker.room != receiver.room) {
                misrouted.lazySet(misrouted.get() + 1);
            }
            if (--untilOpen <= 0) {
                untilOpen = openEvery;
                opened.lazySet(opened.get() + 1);
                if (cipher.open(receiver.key, in, 0, length, header, plain, 0) < 0) {
                    badSeal.lazySet(badSeal.get() + 1);
                }
            }
            Window current = window;
            long sentMicros = VoiceStamp.sentMicros(nowMicros, stamp);
            if (current != null && sentMicros >= current.startMicros && sentMicros < current.endMicros) {
                AtomicLong received = current.received[index];
                received.lazySet(received.get() + 1);
                current.latencies[index].record(VoiceStamp.ageMicros(nowMicros, stamp) * 1000);
            }
        }
    }
}
