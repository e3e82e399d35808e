package dev.confab.protocol.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * The packet rules of docs/PROTOCOL.md §9, written out again independently of
 * {@link VoicePacket}, so the tests compare the implementation against the specification rather
 * than against itself. Only raw numbers here, no constants from the class under test.
 */
final class VoicePacketModel {
    static final int AUDIO = 0;
    static final int PING = 1;
    static final int PONG = 2;
    static final int WHISPER = 0x04;
    static final int ECHO = 0x08;
    static final int PROBE = 0x10;
    static final int DOWNLINK = 0x20;

    /** Every flags byte the layout allows: 8 audio, 4 ping and 2 pong combinations. */
    static final List<Integer> VALID_FLAGS = validFlags();

    private VoicePacketModel() {
    }

    static boolean flagsAllowed(int flags) {
        int kind = flags & 0x03;
        if ((flags & ~0x3f) != 0 || kind == 3) {
            return false;
        }
        if ((flags & (WHISPER | ECHO)) != 0 && kind != AUDIO) {
            return false;
        }
        return (flags & PROBE) == 0 || kind == PING;
    }

    static int headerBytes(int flags) {
        return (flags & (DOWNLINK | WHISPER)) != 0 ? 25 : 17;
    }

    /** What validate must answer: the header length, or -1. */
    static int validate(byte[] packet, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > packet.length || length < 17 + 16) {
            return -1;
        }
        int flags = packet[offset + 16] & 0xff;
        if (!flagsAllowed(flags)) {
            return -1;
        }
        int header = headerBytes(flags);
        int payload = length - header - 16;
        if (payload < 0 || payload > 1275) {
            return -1;
        }
        boolean sessionZero = true;
        for (int i = 0; i < 4; i++) {
            sessionZero &= packet[offset + i] == 0;
        }
        boolean sequenceZero = true;
        for (int i = 4; i < 12; i++) {
            sequenceZero &= packet[offset + i] == 0;
        }
        return sessionZero || sequenceZero ? -1 : header;
    }

    private static List<Integer> validFlags() {
        List<Integer> valid = new ArrayList<>();
        for (int flags = 0; flags < 256; flags++) {
            if (flagsAllowed(flags)) {
                valid.add(flags);
            }
        }
        return List.copyOf(valid);
    }
}
