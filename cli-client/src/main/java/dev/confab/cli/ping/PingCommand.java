package dev.confab.cli.ping;

import dev.confab.cli.CliException;
import dev.confab.cli.Exit;
import dev.confab.cli.Invocation;
import dev.confab.cli.connect.ServerLink;
import dev.confab.cli.output.Output;
import dev.confab.cli.room.RoomDirectory;
import dev.confab.client.trust.ServerAddress;
import dev.confab.client.voice.VoiceOptions;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ping", mixinStandardHelpOptions = true,
        description = {"Measures the way to the server: the round trip of chat pings over the TLS connection, and "
                + "whether voice gets through over UDP, found out as a voice client does: UDP when the voice server "
                + "answers over UDP within 3 s, else voice goes through the chat connection (the tunnel). "
                + "Takes about 3 s, or 6 s when UDP is blocked.",
                "Exit 0 whether or not UDP gets through: that is the finding, not a failure.",
                "With --json, one object: tcpMs {min, median, max, count}, udp {reachable, ms, endpoint, sentTo}, "
                        + "tunnelMs, room, roomName, server (see docs/CLI.md)."},
        footerHeading = "%nExample:%n",
        footer = {"  confab-cli ping",
                "  confab-cli ping --json | jq .udp.reachable",
                "  confab-cli ping --voice-endpoint 203.0.113.7:7700   # try UDP to another address"})
public final class PingCommand implements Callable<Integer> {

    /** The --json object. */
    record PingResult(String server, TcpRow tcpMs, UdpRow udp, Double tunnelMs, long room, String roomName) {
    }

    /** Chat pings: round trips in milliseconds. */
    record TcpRow(double min, double median, double max, int count) {
    }

    /**
     * @param reachable whether voice goes over UDP
     * @param ms        smoothed UDP round trip in milliseconds; absent when UDP did not answer
     * @param endpoint  the voice server's UDP address, as the server announced it
     * @param sentTo    where UDP went instead, with --voice-endpoint; absent otherwise
     */
    record UdpRow(boolean reachable, Double ms, String endpoint, String sentTo) {
    }

    private static final int MAX_COUNT = 100;
    private static final int MAX_TIMEOUT_SECONDS = 600;
    /** {@code LABEL  12.3 ms  NOTE}, the numbers right-aligned. */
    private static final String NUMBER = "%-6s%10s  %s";
    private static final String TEXT = "%-6s  %s";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "5",
            description = "Chat pings to send, and voice pongs to wait for on the path voice chose, which it pings "
                    + "once a second (default: ${DEFAULT-VALUE}, at most " + MAX_COUNT + ").")
    int count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long to wait for each chat pong, and for voice to choose UDP or the chat connection "
                    + "(default: ${DEFAULT-VALUE}). Voice clients give up on UDP after 3 s without an answer.")
    int timeoutSeconds;

    @Option(names = "--voice-endpoint", paramLabel = "HOST:PORT", converter = EndpointConverter.class,
            description = "Send voice to this address instead of the one the server announces (NAT and firewall "
                    + "diagnosis, e.g. a port forward).")
    ServerAddress voiceEndpoint;

    @Override
    public Integer call() throws CliException, InterruptedException {
        if (count < 1 || count > MAX_COUNT) {
            throw CliException.usage("--count must be 1 to " + MAX_COUNT + ", not " + count);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw CliException.usage("--timeout must be 1 to " + MAX_TIMEOUT_SECONDS + " seconds, not " + timeoutSeconds);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        InetSocketAddress sendTo = voiceEndpoint == null ? null : resolve(voiceEndpoint);
        VoiceOptions options = VoiceOptions.DEFAULT.withUdpOverride(sendTo);
        Invocation cli = Invocation.of(spec);
        try (ServerLink link = cli.connect(); VoiceProbe voice = new VoiceProbe(link, options)) {
            // Voice probes UDP meanwhile: the chat pings take milliseconds, voice seconds.
            TcpRow tcp = pingChat(link, timeout);
            VoiceProbe.Measurement found = voice.measure(timeout, count);
            Event.VoiceGranted grant = link.session().voiceGrant();
            String endpoint = grant == null ? null : hostPort(grant.host(), grant.port());
            UdpRow udp = new UdpRow(found.udpReachable(), millis(found.udpRoundTrip()), endpoint,
                    voiceEndpoint == null ? null : voiceEndpoint.toString());
            PingResult result = new PingResult(link.session().server().toString(), tcp, udp,
                    millis(found.tunnelRoundTrip()), found.room(), RoomDirectory.of(link).nameOf(found.room()));
            print(cli.output(), result);
        }
        return 0;
    }

    /** One unmeasured ping (the first one's encoder and decoder are made on the way), then {@code count} measured. */
    private TcpRow pingChat(ServerLink link, Duration timeout) throws CliException {
        link.await(link.request(Request.Ping::new, Reply.Pong.class), timeout, "pong");
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            link.await(link.request(Request.Ping::new, Reply.Pong.class), timeout, "pong");
            millis[i] = rounded((System.nanoTime() - sent) / 1e6);
        }
        Arrays.sort(millis);
        double median = count % 2 == 1 ? millis[count / 2] : rounded((millis[count / 2 - 1] + millis[count / 2]) / 2);
        return new TcpRow(millis[0], median, millis[count - 1], count);
    }

    private static InetSocketAddress resolve(ServerAddress endpoint) throws CliException {
        try {
            return new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
        } catch (UnknownHostException e) {
            throw new CliException(Exit.NETWORK, "network", "--voice-endpoint: cannot resolve " + endpoint.host(), e);
        }
    }

    private static void print(Output out, PingResult result) {
        if (out.json()) {
            out.object(result);
            return;
        }
        TcpRow tcp = result.tcpMs();
        out.line(String.format(NUMBER, "tcp", ms(tcp.median()), "(min " + number(tcp.min()) + ", max "
                + number(tcp.max()) + ", " + tcp.count() + (tcp.count() == 1 ? " ping)" : " pings)")));
        UdpRow udp = result.udp();
        String target = udp.sentTo() != null ? udp.sentTo() + " (--voice-endpoint)" : String.valueOf(udp.endpoint());
        if (udp.reachable()) {
            out.line(String.format(NUMBER, "udp", ms(udp.ms()), "via " + target));
        } else {
            out.line(String.format(TEXT, "udp", "blocked: no answer from " + target));
            out.line(result.tunnelMs() == null ? String.format(TEXT, "tunnel", "voice goes through the chat connection")
                    : String.format(NUMBER, "tunnel", ms(result.tunnelMs()), "voice goes through the chat connection"));
        }
        out.line(String.format(TEXT, "room", result.roomName()));
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    private static String hostPort(String host, int port) {
        return (host != null && host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code "12.3 ms"}, or {@code "0.42 ms"} under a millisecond (a LAN or loopback). */
    private static String ms(double millis) {
        return number(millis) + " ms";
    }

    private static String number(double millis) {
        return String.format(Locale.ROOT, millis < 1 ? "%.2f" : "%.1f", millis);
    }

    private static Double millis(Duration roundTrip) {
        return roundTrip == null ? null : rounded(roundTrip.toNanos() / 1e6);
    }

    /** To the microsecond: finer is noise. */
    private static double rounded(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
