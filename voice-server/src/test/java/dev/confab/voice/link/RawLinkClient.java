package dev.confab.voice.link;

import dev.confab.voice.link.LinkFrame.Hello;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A chat end written by hand over a blocking socket, for tests that need to send what a real
 * chat node never would: altered, replayed or oversize frames.
 */
final class RawLinkClient implements AutoCloseable {
    final Socket socket;
    final DataInputStream in;
    final OutputStream out;
    LinkCipher sealer;
    LinkCipher opener;
    Hello hello;

    RawLinkClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Greets, derives the keys, and sends the chat hello; does not wait for the voice hello. */
    RawLinkClient greet(byte[] secret) throws IOException {
        byte[] nonce = LinkKeys.newNonce();
        out.write(LinkKeys.greeting(nonce));
        out.flush();
        byte[] greeting = new byte[LinkKeys.GREETING_BYTES];
        in.readFully(greeting);
        if (!LinkKeys.hasMagic(greeting)) {
            throw new IOException("bad greeting");
        }
        byte[] voiceNonce = new byte[LinkKeys.NONCE_BYTES];
        System.arraycopy(greeting, greeting.length - voiceNonce.length, voiceNonce, 0, voiceNonce.length);
        LinkKeys keys = LinkKeys.derive(secret, nonce, voiceNonce);
        sealer = keys.sealer(true);
        opener = keys.opener(true);
        send(new Hello(null, 0));
        return this;
    }

    /** A full handshake: greeted, and the voice node's hello read. */
    static RawLinkClient connect(int port, byte[] secret) throws IOException, LinkException {
        RawLinkClient client = new RawLinkClient(port).greet(secret);
        client.hello = (Hello) client.read();
        return client;
    }

    byte[] seal(LinkFrame frame) {
        byte[] plain = LinkFrames.encode(frame);
        byte[] length = ByteBuffer.allocate(4).putInt(plain.length + LinkCipher.TAG_BYTES).array();
        byte[] sealed = sealer.seal(plain, 0, plain.length, length);
        return ByteBuffer.allocate(4 + sealed.length).put(length).put(sealed).array();
    }

    void send(LinkFrame frame) throws IOException {
        sendRaw(seal(frame));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame that is not a PING. */
    LinkFrame read() throws IOException, LinkException {
        while (true) {
            int length = in.readInt();
            byte[] sealed = new byte[length];
            in.readFully(sealed);
            byte[] plain = new byte[length - LinkCipher.TAG_BYTES];
            opener.open(ByteBuffer.wrap(sealed), ByteBuffer.allocate(4).putInt(length).array(), plain);
            LinkFrame frame = LinkFrames.decode(plain);
            if (!(frame instanceof LinkFrame.Ping)) {
                return frame;
            }
        }
    }

    /** Whether the other end closes the connection within the socket's timeout (reading and discarding). */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() != -1) {
                // discard
            }
            return true;
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is a close too.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
