package dev.confab.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.protocol.Role;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ping through real processes against a real server, whose voice relay listens on UDP on
 * loopback: reachable as it is, and "blocked" by aiming voice at a socket that never answers.
 */
class PingCommandTest {

    @TempDir
    static Path serverData;
    static CliServer server;
    static String token;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() throws Exception {
        server = CliServer.start(serverData);
        token = server.tokenFor(server.createUser("pinger", Role.MEMBER));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private Cli cli() {
        return new Cli(home).with("CONFAB_SERVER", server.address()).with("CONFAB_TOKEN", token);
    }

    /** The relay shares the chat server's port number (UDP there, TCP for chat), and announces loopback. */
    private static String relay() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void udpThatAnswersIsReachableWithItsRoundTrip() {
        JsonNode result = Json.object(cli().run("ping", "--json", "--count", "3").ok().out());
        assertThat(result.get("server").asText()).isEqualTo(server.address());

        JsonNode tcp = result.get("tcpMs");
        assertThat(tcp.get("count").asInt()).isEqualTo(3);
        assertThat(tcp.get("min").asDouble()).isPositive();
        assertThat(tcp.get("median").asDouble()).isBetween(tcp.get("min").asDouble(), tcp.get("max").asDouble());
        assertThat(tcp.get("max").asDouble()).isLessThan(1000);

        JsonNode udp = result.get("udp");
        assertThat(udp.get("reachable").asBoolean()).isTrue();
        assertThat(udp.get("ms").asDouble()).isPositive().isLessThan(100);
        assertThat(udp.get("endpoint").asText()).isEqualTo(relay());
        assertThat(udp.has("sentTo")).isFalse();
        assertThat(result.get("room").asLong()).isEqualTo(1);
        assertThat(result.get("roomName").asText()).isEqualTo("Lobby");

        List<String> human = cli().run("ping", "-c", "2").ok().lines();
        assertThat(human.get(0)).matches("tcp +\\d+\\.\\d+ ms  \\(min \\d+\\.\\d+, max \\d+\\.\\d+, 2 pings\\)");
        assertThat(human.get(1)).matches("udp +\\d+\\.\\d+ ms  via " + relay().replace(".", "\\."));
        assertThat(human.get(1).indexOf(" ms")).isEqualTo(human.get(0).indexOf(" ms"));    // aligned
        assertThat(human).hasSize(3).last().isEqualTo("room    Lobby");
    }

    @Test
    void udpThatNeverAnswersIsBlockedAndVoiceGoesThroughTheChatConnection() throws Exception {
        try (DatagramSocket firewall = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            AtomicInteger swallowed = new AtomicInteger();
            Thread sink = new Thread(() -> {
                byte[] buffer = new byte[2048];
                try {
                    while (true) {
                        firewall.receive(new DatagramPacket(buffer, buffer.length));
                        swallowed.incrementAndGet();
                    }
                } catch (SocketException e) {
                    // closed: the test is over
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            sink.start();
            String blackHole = "127.0.0.1:" + firewall.getLocalPort();

            long started = System.nanoTime();
            Cli.Result run = cli().run("ping", "--voice-endpoint", blackHole, "--json", "--count", "2").ok();
            assertThat((System.nanoTime() - started) / 1e9).as("seconds: voice waits 3 s for UDP").isGreaterThan(3);
            JsonNode result = Json.object(run.out());
            JsonNode udp = result.get("udp");
            assertThat(udp.get("reachable").asBoolean()).isFalse();
            assertThat(udp.has("ms")).isFalse();
            assertThat(udp.get("endpoint").asText()).isEqualTo(relay());
            assertThat(udp.get("sentTo").asText()).isEqualTo(blackHole);
            assertThat(result.get("tunnelMs").asDouble()).isPositive().isLessThan(1000);
            assertThat(result.get("tcpMs").get("count").asInt()).isEqualTo(2);
            assertThat(swallowed.get()).as("UDP probes sent to the black hole").isGreaterThanOrEqualTo(3);

            List<String> human = cli().run("ping", "--voice-endpoint", blackHole, "-c", "1").ok().lines();
            assertThat(human).hasSize(4);
            assertThat(human.get(1)).isEqualTo("udp     blocked: no answer from " + blackHole + " (--voice-endpoint)");
            assertThat(human.get(2)).matches("tunnel +\\d+\\.\\d+ ms  voice goes through the chat connection");
            assertThat(human.get(2).indexOf(" ms")).isEqualTo(human.get(0).indexOf(" ms"));
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli cli = cli();
        cli.run("ping", "--voice-endpoint", "127.0.0.1").fails(2, "usage").mentions("HOST:PORT", "ping --help");
        cli.run("ping", "--voice-endpoint", "127.0.0.1:99999").fails(2, "usage").mentions("99999");
        cli.run("ping", "--voice-endpoint", "::1:7700").fails(2, "usage").mentions("[::1]:7700");
        cli.run("ping", "--count", "0").fails(2, "usage").mentions("--count");
        cli.run("ping", "--timeout", "0").fails(2, "usage").mentions("--timeout");
        cli.run("ping", "--voice-endpoint", "no-such-host.invalid:7700").fails(6, "network").mentions("--voice-endpoint");
        new Cli(home).with("CONFAB_SERVER", server.address()).run("ping").fails(3, "not_logged_in");
    }
}
