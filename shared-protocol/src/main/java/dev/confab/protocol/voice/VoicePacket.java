package dev.confab.protocol.voice;

import static dev.confab.protocol.BigEndian.getInt;
import static dev.confab.protocol.BigEndian.getLong;
import static dev.confab.protocol.BigEndian.putInt;
import static dev.confab.protocol.BigEndian.putLong;

/**
 * The byte layout of a voice packet, and reads and writes of its header in place.
 *
 * <pre>
 * offset size  field
 *  0      4    session    voice session id, unsigned (uplink: the sender's; downlink: the receiver's)
 *  4      8    sequence   per session and direction, starts at 1 and only grows; half of the nonce
 * 12      4    timestamp  the sender's 48 kHz sample clock at the frame, relayed unchanged
 * 16      1    flags      kind (2 bits) and the flag bits below; unknown bits make the packet malformed
 * 17      8    party      only when {@link #hasParty}: uplink, the whisper target's chat session;
 *                         downlink, the speaker's chat session (0 on a pong)
 * ..      n    ciphertext the Opus frame, or a ping's payload, sealed
 * ..     16    tag        Poly1305 over header (associated data) and ciphertext
 * </pre>
 *
 * <p>All integers are big-endian. Everything before the ciphertext is the header, sent in clear
 * and authenticated: a relay can route by it, nobody can change it. A zero-length datagram is a
 * keep-alive and never reaches this class.
 */
public final class VoicePacket {
    public static final int SESSION_OFFSET = 0;
    public static final int SEQUENCE_OFFSET = 4;
    public static final int TIMESTAMP_OFFSET = 12;
    public static final int FLAGS_OFFSET = 16;
    public static final int PARTY_OFFSET = 17;
    /** Header without the party field. */
    public static final int BASE_HEADER_BYTES = 17;
    public static final int PARTY_BYTES = 8;
    public static final int TAG_BYTES = 16;
    /** Largest sealed payload: an Opus frame is at most 1,275 bytes; 20 ms at 510 kb/s is 1,275. */
    public static final int MAX_PAYLOAD_BYTES = 1275;
    public static final int MIN_PACKET_BYTES = BASE_HEADER_BYTES + TAG_BYTES;
    public static final int MAX_PACKET_BYTES = BASE_HEADER_BYTES + PARTY_BYTES + MAX_PAYLOAD_BYTES + TAG_BYTES;

    /** The two low bits of the flags. */
    public static final int KIND_MASK = 0x03;
    public static final int KIND_AUDIO = 0;
    /** Asks for a {@link #KIND_PONG} with the same payload: the client's clock, for its round trip. */
    public static final int KIND_PING = 1;
    public static final int KIND_PONG = 2;

    /** Uplink: deliver only to the party (a whisper). Downlink: this audio was whispered to you. */
    public static final int FLAG_WHISPER = 0x04;
    /** Uplink: send this audio back to me only (a microphone test). Downlink: your own echo. */
    public static final int FLAG_ECHO = 0x08;
    /** Uplink ping: answer it the way it came, but keep sending my voice the way you did. */
    public static final int FLAG_PROBE = 0x10;
    /** Set on everything a server sends; part of the nonce, so the two directions never share one. */
    public static final int FLAG_DOWNLINK = 0x20;
    private static final int KNOWN_BITS = KIND_MASK | FLAG_WHISPER | FLAG_ECHO | FLAG_PROBE | FLAG_DOWNLINK;

    private VoicePacket() {
    }

    /** Whether the party field follows the base header: on every downlink packet, and on whispers. */
    public static boolean hasParty(int flags) {
        return (flags & FLAG_DOWNLINK) != 0 || (flags & FLAG_WHISPER) != 0;
    }

    public static int headerBytes(int flags) {
        return hasParty(flags) ? BASE_HEADER_BYTES + PARTY_BYTES : BASE_HEADER_BYTES;
    }

    /**
     * The header length of a packet of {@code length} bytes at {@code offset}, or -1 when it cannot
     * be a voice packet: too short or too long for its flags (a payload over
     * {@value #MAX_PAYLOAD_BYTES} bytes), unknown flag bits, an unknown kind, a whisper or echo
     * that is not audio, a probe that is not a ping, or a zero session or sequence. Never throws
     * for a non-null array: a range that does not lie within {@code packet} is -1 too.
     */
    public static int validate(byte[] packet, int offset, int length) {
        if (length < MIN_PACKET_BYTES || length > MAX_PACKET_BYTES || offset < 0 || offset > packet.length - length) {
            return -1;
        }
        int flags = flags(packet, offset);
        int kind = flags & KIND_MASK;
        if ((flags & ~KNOWN_BITS) != 0 || kind > KIND_PONG) {
            return -1;
        }
        if ((flags & (FLAG_WHISPER | FLAG_ECHO)) != 0 && kind != KIND_AUDIO
                || (flags & FLAG_PROBE) != 0 && kind != KIND_PING) {
            return -1;
        }
        int header = headerBytes(flags);
        if (length < header + TAG_BYTES || length > header + MAX_PAYLOAD_BYTES + TAG_BYTES
                || session(packet, offset) == 0 || sequence(packet, offset) == 0) {
            return -1;
        }
        return header;
    }

    /** Writes a header and returns its length; the payload goes right after it. */
    public static int writeHeader(byte[] packet, int offset, int session, long sequence, int timestamp, int flags,
            long party) {
        putInt(packet, offset + SESSION_OFFSET, session);
        putLong(packet, offset + SEQUENCE_OFFSET, sequence);
        putInt(packet, offset + TIMESTAMP_OFFSET, timestamp);
        packet[offset + FLAGS_OFFSET] = (byte) flags;
        if (hasParty(flags)) {
            putLong(packet, offset + PARTY_OFFSET, party);
        }
        return headerBytes(flags);
    }

    public static int session(byte[] packet, int offset) {
        return getInt(packet, offset + SESSION_OFFSET);
    }

    public static long sequence(byte[] packet, int offset) {
        return getLong(packet, offset + SEQUENCE_OFFSET);
    }

    public static int timestamp(byte[] packet, int offset) {
        return getInt(packet, offset + TIMESTAMP_OFFSET);
    }

    public static int flags(byte[] packet, int offset) {
        return packet[offset + FLAGS_OFFSET] & 0xff;
    }

    /** The party field; only meaningful when {@link #hasParty} holds for the packet's flags. */
    public static long party(byte[] packet, int offset) {
        return getLong(packet, offset + PARTY_OFFSET);
    }

    /** Payload bytes of a packet whose header is {@code header} long. */
    public static int payloadBytes(int length, int header) {
        return length - header - TAG_BYTES;
    }
}
