package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything that crosses the chat connection. On the wire each message is one JSON object on
 * one line, named by its {@code "type"} field (the {@code @JsonTypeName} of its record).
 *
 * <p>Requests carry an {@code id} chosen by the sender; the reply or the {@link Failure} to it
 * carries the same id. Events are pushed by the server and carry no id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface Message permits Request, Reply, Event, Failure, VoiceTunnel {
}
