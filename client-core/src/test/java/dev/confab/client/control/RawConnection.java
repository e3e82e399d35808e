package dev.confab.client.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A control connection that sends whatever bytes a test wants, as a misbehaving client would. */
final class RawConnection implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;

    RawConnection(Path path) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The next reply line, or null at end of stream. */
    String readLine() throws IOException {
        return in.readLine();
    }

    /** Ends the requests and reads every reply until the server closes. */
    List<String> finish() throws IOException {
        channel.shutdownOutput();
        List<String> replies = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            replies.add(line);
        }
        return replies;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
