package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/** Messages the server pushes without being asked. */
public sealed interface Event extends Message {

    /** The whole room tree and everyone online, sent at login and resume. */
    @JsonTypeName("snapshot")
    record Snapshot(List<RoomInfo> rooms, List<Member> members, long lobby) implements Event {}

    @JsonTypeName("room_added")
    record RoomAdded(RoomInfo room) implements Event {}

    /** A room was renamed, moved or reconfigured: the new state replaces the old. */
    @JsonTypeName("room_changed")
    record RoomChanged(RoomInfo room) implements Event {}

    /** A room and its subtree are gone; its people were moved to {@code movedTo} beforehand. */
    @JsonTypeName("room_removed")
    record RoomRemoved(long room, long movedTo) implements Event {}

    @JsonTypeName("member_joined")
    record MemberJoined(Member member) implements Event {}

    @JsonTypeName("member_left")
    record MemberLeft(long session, String reason) implements Event {}

    /** A member's details changed (so far: their role); the new state replaces the old. */
    @JsonTypeName("member_changed")
    record MemberChanged(Member member) implements Event {}

    @JsonTypeName("member_moved")
    record MemberMoved(long session, long from, long to) implements Event {}

    @JsonTypeName("message")
    record MessagePosted(ChatLine message) implements Event {}

    @JsonTypeName("direct")
    record DirectReceived(DirectLine message) implements Event {}

    /**
     * The voice session for the current room: a 32-bit session id and a 256-bit
     * ChaCha20-Poly1305 key (base64), valid at the voice server at {@code host}:{@code port}
     * until revoked or replaced. Sent at login and on every room change.
     */
    @JsonTypeName("voice_session")
    record VoiceGranted(int sessionId, String key, String host, int port, long room, int bitrate)
            implements Event {}

    @JsonTypeName("voice_revoked")
    record VoiceRevoked(int sessionId) implements Event {}

    /** Sent just before the server closes the connection, saying why. */
    @JsonTypeName("bye")
    record Bye(ErrorCode code, String reason) implements Event {}
}
