package dev.confab.client.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * A UDP forwarder between one client and a relay that can be shut like a firewall: while
 * closed it swallows datagrams both ways. Clients reach it through
 * {@link VoiceOptions#udpOverride()}; the relay sees the forwarder's address as the client's.
 */
public final class UdpFirewall implements AutoCloseable {

    private final InetSocketAddress target;
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final Thread outward;
    private final Thread inward;
    private volatile boolean open;
    private volatile InetSocketAddress client;

    public UdpFirewall(InetSocketAddress target, boolean open) throws SocketException {
        this.target = target;
        this.open = open;
        this.front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.outward = pump(front, true);
        this.inward = pump(back, false);
    }

    /** Where the client should send. */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    public void open(boolean letThrough) {
        open = letThrough;
    }

    private Thread pump(DatagramSocket from, boolean fromClient) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[2048];
            while (!from.isClosed()) {
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                try {
                    from.receive(datagram);
                    if (fromClient) {
                        client = (InetSocketAddress) datagram.getSocketAddress();
                    }
                    InetSocketAddress to = fromClient ? target : client;
                    if (open && to != null) {
                        (fromClient ? back : front).send(new DatagramPacket(buffer, datagram.getLength(), to));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "udp-firewall");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        front.close();
        back.close();
        try {
            outward.join(2000);
            inward.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
