package dev.confab.voice.link;

import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.SessionSpec;

/**
 * What one sealed frame says. Each is a type byte and a body ({@link LinkFrames} has the
 * layouts): the {@link dev.confab.voice.control.VoiceControl} calls one for one, the tunnel in
 * both directions, the two hellos and a keep-alive.
 */
public sealed interface LinkFrame {
    byte HELLO = 1;
    byte OPEN = 2;
    byte CLOSE = 3;
    byte STATE = 4;
    byte TUNNEL_IN = 5;
    byte TUNNEL_OUT = 6;
    byte STATS_REQUEST = 7;
    byte STATS_REPLY = 8;
    byte PING = 9;

    /**
     * The first frame each way. The voice node's names where clients send voice: {@code udpHost}
     * null means "the host you reached me at". The chat node's carries nothing (null, 0).
     */
    record Hello(String udpHost, int udpPort) implements LinkFrame {
    }

    /** {@link dev.confab.voice.control.VoiceControl#open}. Never logged: it holds the key. */
    record Open(SessionSpec session) implements LinkFrame {
        @Override
        public String toString() {
            return "Open[" + session + "]";
        }
    }

    record Close(int sessionId) implements LinkFrame {
    }

    record State(int sessionId, boolean muted, boolean deafened) implements LinkFrame {
    }

    /** A client's voice packet that came over its chat connection, chat to voice. */
    record TunnelIn(byte[] packet) implements LinkFrame {
    }

    /** A packet for a tunnelled session, voice to chat. */
    record TunnelOut(int sessionId, byte[] packet) implements LinkFrame {
    }

    record StatsRequest(long requestId) implements LinkFrame {
    }

    /**
     * One part of the answer to a {@link StatsRequest}: a large relay's sessions do not fit one
     * frame, so they come in parts, each with the total; {@code last} ends the answer. When the
     * relay could not count, {@code stats} is null and {@code error} says why.
     */
    record StatsReply(long requestId, boolean last, RelayStats stats, String error) implements LinkFrame {
    }

    /** Sent by an end that has sent nothing for a while, so the other knows it is alive. */
    record Ping() implements LinkFrame {
        public static final Ping INSTANCE = new Ping();
    }
}
