package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The answer to a request that failed, or (with a null id) a problem with input that carried no
 * usable id, such as a malformed line. (A closing connection is told why with {@link Event.Bye}.)
 */
@JsonTypeName("error")
public record Failure(Long id, ErrorCode code, String message) implements Message {

    public static Failure of(Long id, ErrorCode code, String message) {
        return new Failure(id, code, message);
    }
}
