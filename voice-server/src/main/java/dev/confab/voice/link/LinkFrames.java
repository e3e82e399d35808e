package dev.confab.voice.link;

import static dev.confab.protocol.BigEndian.getInt;
import static dev.confab.protocol.BigEndian.getLong;
import static dev.confab.protocol.BigEndian.putInt;
import static dev.confab.protocol.BigEndian.putLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confab.protocol.MessageCodec;
import dev.confab.protocol.SessionCounters;
import dev.confab.voice.control.RelayStats;
import dev.confab.voice.control.SessionSpec;
import dev.confab.voice.link.LinkFrame.Close;
import dev.confab.voice.link.LinkFrame.Hello;
import dev.confab.voice.link.LinkFrame.Open;
import dev.confab.voice.link.LinkFrame.Ping;
import dev.confab.voice.link.LinkFrame.State;
import dev.confab.voice.link.LinkFrame.StatsReply;
import dev.confab.voice.link.LinkFrame.StatsRequest;
import dev.confab.voice.link.LinkFrame.TunnelIn;
import dev.confab.voice.link.LinkFrame.TunnelOut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plaintext of a frame: one type byte, then the body. Integers are big-endian.
 *
 * <pre>
 * HELLO          JSON {"udpHost": string or absent, "udpPort": int}
 * OPEN           JSON SessionSpec (the key in base64)
 * CLOSE          session id (4)
 * STATE          session id (4), bits (1): 1 muted, 2 deafened
 * TUNNEL_IN      the voice packet, as is
 * TUNNEL_OUT     session id (4), the voice packet
 * STATS_REQUEST  request id (8)
 * STATS_REPLY    JSON {"requestId", "last", "stats": RelayStats, "error"}
 * PING           nothing
 * </pre>
 *
 * Control frames are rare and JSON; tunnel frames are one per voice packet and binary. A body
 * that does not parse is a {@link LinkException} whose message names the frame type only: a
 * parser's message could quote the body, and an OPEN's body holds a key.
 */
public final class LinkFrames {
    /** Largest sealed frame (ciphertext and tag), the value of the length prefix. */
    public static final int MAX_SEALED_BYTES = 64 * 1024;
    /** Largest plaintext: type byte and body. */
    public static final int MAX_PLAIN_BYTES = MAX_SEALED_BYTES - LinkCipher.TAG_BYTES;
    private static final ObjectMapper JSON = MessageCodec.mapper();

    private LinkFrames() {
    }

    public static byte[] encode(LinkFrame frame) {
        if (frame instanceof TunnelIn in) {
            byte[] plain = new byte[1 + in.packet().length];
            plain[0] = LinkFrame.TUNNEL_IN;
            System.arraycopy(in.packet(), 0, plain, 1, in.packet().length);
            return plain;
        } else if (frame instanceof TunnelOut out) {
            byte[] plain = withInt(LinkFrame.TUNNEL_OUT, out.sessionId(), out.packet().length);
            System.arraycopy(out.packet(), 0, plain, 5, out.packet().length);
            return plain;
        } else if (frame instanceof Open open) {
            return json(LinkFrame.OPEN, open.session());
        } else if (frame instanceof Close close) {
            return withInt(LinkFrame.CLOSE, close.sessionId(), 0);
        } else if (frame instanceof State state) {
            byte[] plain = withInt(LinkFrame.STATE, state.sessionId(), 1);
            plain[5] = (byte) ((state.muted() ? 1 : 0) | (state.deafened() ? 2 : 0));
            return plain;
        } else if (frame instanceof StatsRequest request) {
            byte[] plain = new byte[9];
            plain[0] = LinkFrame.STATS_REQUEST;
            putLong(plain, 1, request.requestId());
            return plain;
        } else if (frame instanceof StatsReply reply) {
            return json(LinkFrame.STATS_REPLY, reply);
        } else if (frame instanceof Hello hello) {
            return json(LinkFrame.HELLO, hello);
        } else if (frame instanceof Ping) {
            return new byte[] {LinkFrame.PING};
        }
        throw new IllegalArgumentException("not a link frame: " + frame.getClass());
    }

    /** The frame in {@code plain}, which is exactly one frame's plaintext. */
    public static LinkFrame decode(byte[] plain) throws LinkException {
        if (plain.length == 0) {
            throw new LinkException("empty frame");
        }
        int bodyLength = plain.length - 1;
        return switch (plain[0]) {
            case LinkFrame.HELLO -> {
                Hello hello = json(plain, Hello.class, "HELLO");
                if (hello.udpPort() < 0 || hello.udpPort() > 65_535
                        || hello.udpHost() != null && (hello.udpHost().isBlank() || hello.udpHost().length() > 255)) {
                    throw new LinkException("malformed HELLO frame");
                }
                yield hello;
            }
            case LinkFrame.OPEN -> {
                SessionSpec spec = json(plain, SessionSpec.class, "OPEN");
                if (spec.sessionId() == 0 || spec.key() == null || spec.key().length != 32 || spec.name() == null
                        || spec.bitrate() < 0) {
                    throw new LinkException("malformed OPEN frame");
                }
                yield new Open(spec);
            }
            case LinkFrame.CLOSE -> {
                expect(bodyLength == 4, "CLOSE");
                yield new Close(getInt(plain, 1));
            }
            case LinkFrame.STATE -> {
                expect(bodyLength == 5 && (plain[5] & ~3) == 0, "STATE");
                yield new State(getInt(plain, 1), (plain[5] & 1) != 0, (plain[5] & 2) != 0);
            }
            case LinkFrame.TUNNEL_IN -> new TunnelIn(Arrays.copyOfRange(plain, 1, plain.length));
            case LinkFrame.TUNNEL_OUT -> {
                expect(bodyLength >= 4, "TUNNEL_OUT");
                yield new TunnelOut(getInt(plain, 1), Arrays.copyOfRange(plain, 5, plain.length));
            }
            case LinkFrame.STATS_REQUEST -> {
                expect(bodyLength == 8, "STATS_REQUEST");
                yield new StatsRequest(getLong(plain, 1));
            }
            case LinkFrame.STATS_REPLY -> {
                StatsReply reply = json(plain, StatsReply.class, "STATS_REPLY");
                RelayStats stats = reply.stats();
                boolean complete = stats != null && stats.total() != null && stats.sessions() != null
                        && !stats.sessions().contains(null);
                expect(complete || stats == null && reply.error() != null && reply.last(), "STATS_REPLY");
                yield reply;
            }
            case LinkFrame.PING -> {
                expect(bodyLength == 0, "PING");
                yield Ping.INSTANCE;
            }
            default -> throw new LinkException("unknown frame type " + (plain[0] & 0xff));
        };
    }

    /**
     * The parts of an answer to a stats request: as many sessions per part as fit in a frame,
     * each part with the total, the last one marked. A session too large for a frame on its own
     * (it cannot happen with names of sane length) is left out rather than break the link.
     */
    public static List<StatsReply> statsReplies(long requestId, RelayStats stats) {
        RelayStats empty = new RelayStats(stats.total(), List.of());
        // Room for the envelope, a comma per session, and the longest request id.
        int budget = MAX_PLAIN_BYTES - encode(new StatsReply(Long.MIN_VALUE, false, empty, null)).length - 16;
        List<StatsReply> parts = new ArrayList<>();
        List<SessionCounters> part = new ArrayList<>();
        int used = 0;
        for (SessionCounters session : stats.sessions()) {
            int size = jsonBytes(session).length + 1;
            if (size > budget) {
                continue;
            }
            if (used + size > budget) {
                parts.add(new StatsReply(requestId, false, new RelayStats(stats.total(), List.copyOf(part)), null));
                part.clear();
                used = 0;
            }
            part.add(session);
            used += size;
        }
        parts.add(new StatsReply(requestId, true, new RelayStats(stats.total(), List.copyOf(part)), null));
        return parts;
    }

    private static byte[] jsonBytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName());
        }
    }

    private static byte[] json(byte type, Object value) {
        // Records of strings, numbers and lists: a failure to encode is a bug.
        byte[] body = jsonBytes(value);
        byte[] plain = new byte[1 + body.length];
        plain[0] = type;
        System.arraycopy(body, 0, plain, 1, body.length);
        return plain;
    }

    private static <T> T json(byte[] plain, Class<T> type, String name) throws LinkException {
        try {
            T value = JSON.readValue(plain, 1, plain.length - 1, type);
            if (value == null) {
                throw new LinkException("malformed " + name + " frame");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new LinkException("malformed " + name + " frame");
        }
    }

    private static void expect(boolean wellFormed, String name) throws LinkException {
        if (!wellFormed) {
            throw new LinkException("malformed " + name + " frame");
        }
    }

    private static byte[] withInt(byte type, int value, int extra) {
        byte[] plain = new byte[5 + extra];
        plain[0] = type;
        putInt(plain, 1, value);
        return plain;
    }
}
