package dev.confab.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.confab.protocol.voice.VoicePacket;
import dev.confab.voice.VoiceClient.Received;
import io.netty.channel.epoll.Epoll;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server around the relay: sockets, threads, configuration, shutdown. */
class VoiceServerTest {

    @Test
    void configurationIsChecked() {
        assertThat(VoiceServerConfig.defaults()).isEqualTo(new VoiceServerConfig("0.0.0.0", 7700, 2));
        assertThatThrownBy(() -> new VoiceServerConfig("127.0.0.1", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VoiceServerConfig("127.0.0.1", 65_536, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(VoiceServerConfig.defaults().withAddress("127.0.0.1", 0).withThreads(3))
                .isEqualTo(new VoiceServerConfig("127.0.0.1", 0, 3));
    }

    @Test
    void withEpollEveryThreadHasASocketOnTheSamePort() throws Exception {
        assumeThat(Epoll.isAvailable()).as("epoll").isTrue();
        try (VoiceServer server = VoiceServer.start(new VoiceServerConfig("127.0.0.1", 0, 3), (s, p, l) -> { })) {
            // Linux lists UDP sockets in /proc/net/udp (and udp6): local address:port in hex.
            String port = String.format(Locale.ROOT, ":%04X", server.port());
            long sockets = 0;
            for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
                if (Files.exists(Path.of(table))) {
                    sockets += Files.readAllLines(Path.of(table)).stream()
                            .skip(1)
                            .filter(line -> line.trim().split("\\s+")[1].endsWith(port))
                            .count();
                }
            }
            assertThat(sockets).isEqualTo(3);
        }
    }

    @Test
    void aGivenPortIsUsedAndFreedOnClose() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        VoiceServer server = VoiceServer.start(new VoiceServerConfig("127.0.0.1", port, 2), (s, p, l) -> { });
        assertThat(server.port()).isEqualTo(port);
        server.close();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void anyAddressWorks() throws Exception {
        try (TestRelay relay = TestRelay.start();
                VoiceServer wildcard = VoiceServer.start(new VoiceServerConfig(null, 0, 1), (s, p, l) -> { })) {
            var spec = relay.spec(701, 1, 1, true);
            wildcard.control().open(spec);
            VoiceClient client = relay.track(new VoiceClient(spec, wildcard.port()));
            client.connect();
        }
    }

    @Test
    void manySpeakersOnBothThreadsNeverShareADownlinkSequence() throws Exception {
        try (TestRelay relay = TestRelay.start()) {
            VoiceClient listener = relay.join(800, 100, 1);
            List<VoiceClient> speakers = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                speakers.add(relay.open(800 + i, 100 + i, 1));
            }
            List<Thread> threads = new ArrayList<>();
            for (VoiceClient speaker : speakers) {
                threads.add(new Thread(() -> {
                    for (int n = 0; n < 12; n++) {
                        speaker.whisper(listener.chatSession(), new byte[] {(byte) n});
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            Set<Long> sequences = new HashSet<>();
            for (int n = 0; n < 8 * 12; n++) {
                Received got = listener.receive();
                assertThat(got.kind()).isEqualTo(VoicePacket.KIND_AUDIO);
                assertThat(sequences.add(got.sequence())).as("sequence %d is new", got.sequence()).isTrue();
            }
            relay.awaitTotal(now -> now.relayed() == 1 + 8 * 12);
        }
    }
}
