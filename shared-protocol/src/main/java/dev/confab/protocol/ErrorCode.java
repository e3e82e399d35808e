package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Stable machine codes of {@link Failure}. Clients branch on these, so a code is never renamed;
 * a client that meets a code newer than itself reads it as {@link #UNKNOWN}.
 */
public enum ErrorCode {
    /** The line is not a JSON object. */
    @JsonProperty("malformed") MALFORMED,
    /** The "type" names no message this server knows. */
    @JsonProperty("unknown_type") UNKNOWN_TYPE,
    /** A field is missing or out of range. */
    @JsonProperty("bad_request") BAD_REQUEST,
    @JsonProperty("unsupported_version") UNSUPPORTED_VERSION,
    @JsonProperty("line_too_long") LINE_TOO_LONG,
    @JsonProperty("message_too_long") MESSAGE_TOO_LONG,
    /** Too many requests: slow down. Repeated, the connection is closed with {@link #FLOOD}. */
    @JsonProperty("rate_limited") RATE_LIMITED,
    @JsonProperty("flood") FLOOD,
    @JsonProperty("idle_timeout") IDLE_TIMEOUT,
    @JsonProperty("hello_required") HELLO_REQUIRED,
    @JsonProperty("not_logged_in") NOT_LOGGED_IN,
    @JsonProperty("already_logged_in") ALREADY_LOGGED_IN,
    @JsonProperty("bad_credentials") BAD_CREDENTIALS,
    @JsonProperty("name_taken") NAME_TAKEN,
    @JsonProperty("invalid_name") INVALID_NAME,
    @JsonProperty("weak_password") WEAK_PASSWORD,
    @JsonProperty("resume_failed") RESUME_FAILED,
    @JsonProperty("unknown_room") UNKNOWN_ROOM,
    @JsonProperty("unknown_user") UNKNOWN_USER,
    @JsonProperty("not_found") NOT_FOUND,
    @JsonProperty("forbidden") FORBIDDEN,
    @JsonProperty("wrong_room_password") WRONG_ROOM_PASSWORD,
    @JsonProperty("room_full") ROOM_FULL,
    @JsonProperty("banned") BANNED,
    @JsonProperty("kicked") KICKED,
    @JsonProperty("shutting_down") SHUTTING_DOWN,
    @JsonProperty("internal") INTERNAL,
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
