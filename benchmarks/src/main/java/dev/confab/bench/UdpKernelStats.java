package dev.confab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the kernel says about UDP: per socket, from /proc/net/udp (and udp6), the receive queue
 * and the count of datagrams the socket dropped (its receive buffer was full, mostly); and for
 * the whole machine, from /proc/net/snmp, the datagrams dropped for a full receive or send
 * buffer. A relay that cannot keep up shows here before anywhere else: its socket's drops grow
 * while its own counters see nothing, since those packets never reached it.
 */
final class UdpKernelStats {

    /**
     * One UDP socket of /proc/net/udp.
     *
     * @param localPort  its port
     * @param remotePort the port it is connected to, 0 when not connected
     * @param rxQueue    bytes waiting in its receive queue
     * @param drops      datagrams it dropped since it was opened
     */
    record Socket(int localPort, int remotePort, long rxQueue, long inode, long drops) {
    }

    /** Machine-wide counters of the {@code Udp:} lines of /proc/net/snmp; -1 when not there. */
    record Totals(long inDatagrams, long outDatagrams, long rcvbufErrors, long sndbufErrors, long inErrors) {
        static final Totals UNKNOWN = new Totals(-1, -1, -1, -1, -1);

        Totals minus(Totals before) {
            return new Totals(delta(inDatagrams, before.inDatagrams), delta(outDatagrams, before.outDatagrams),
                    delta(rcvbufErrors, before.rcvbufErrors), delta(sndbufErrors, before.sndbufErrors),
                    delta(inErrors, before.inErrors));
        }

        private static long delta(long after, long before) {
            return after < 0 || before < 0 ? -1 : after - before;
        }
    }

    private UdpKernelStats() {
    }

    /** Every UDP socket of this network namespace, IPv4 and IPv6; empty when /proc is not there. */
    static List<Socket> sockets() {
        List<Socket> all = new ArrayList<>();
        for (String file : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                all.addAll(parseSockets(Files.readString(Path.of(file), StandardCharsets.US_ASCII)));
            } catch (IOException | RuntimeException e) {
                // no IPv6, or no /proc: nothing to add
            }
        }
        return all;
    }

    static Totals totals() {
        try {
            return parseTotals(Files.readString(Path.of("/proc/net/snmp"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return Totals.UNKNOWN;
        }
    }

    /**
     * The sockets listed in the text of /proc/net/udp: after the header line, each line is
     * {@code sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops}, with
     * addresses as hex {@code ADDR:PORT}.
     */
    static List<Socket> parseSockets(String text) {
        List<Socket> sockets = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].strip().split("\\s+");
            if (f.length < 13) {
                continue;
            }
            try {
                int localPort = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
                int remotePort = Integer.parseInt(f[2].substring(f[2].lastIndexOf(':') + 1), 16);
                long rxQueue = Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                sockets.add(new Socket(localPort, remotePort, rxQueue, Long.parseLong(f[9]), Long.parseLong(f[12])));
            } catch (RuntimeException e) {
                // a line of some other shape: not a socket
            }
        }
        return sockets;
    }

    /** The {@code Udp:} counters of /proc/net/snmp's text: a line of names, then a line of values. */
    static Totals parseTotals(String text) {
        String[] names = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith("Udp:")) {
                continue;
            }
            String[] fields = line.strip().split("\\s+");
            if (names == null) {
                names = fields;
                continue;
            }
            return new Totals(field(names, fields, "InDatagrams"), field(names, fields, "OutDatagrams"),
                    field(names, fields, "RcvbufErrors"), field(names, fields, "SndbufErrors"),
                    field(names, fields, "InErrors"));
        }
        return Totals.UNKNOWN;
    }

    private static long field(String[] names, String[] values, String name) {
        for (int i = 1; i < names.length && i < values.length; i++) {
            if (names[i].equals(name)) {
                return Long.parseLong(values[i]);
            }
        }
        return -1;
    }

    /** Drops of the unconnected sockets bound to {@code port}: a server's, all of them when SO_REUSEPORT gives it several. */
    static long serverDrops(List<Socket> sockets, int port) {
        return sockets.stream().filter(s -> s.localPort() == port && s.remotePort() == 0).mapToLong(Socket::drops).sum();
    }

    /** How many unconnected sockets are bound to {@code port}. */
    static int serverSockets(List<Socket> sockets, int port) {
        return (int) sockets.stream().filter(s -> s.localPort() == port && s.remotePort() == 0).count();
    }

    /** Drops of the sockets with these local ports (the load generator's). */
    static long dropsOf(List<Socket> sockets, Set<Integer> localPorts) {
        return sockets.stream().filter(s -> localPorts.contains(s.localPort())).mapToLong(Socket::drops).sum();
    }
}
