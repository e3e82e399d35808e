package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A voice packet carried over the chat connection when UDP does not get through: the exact
 * bytes of the UDP datagram, base64. Either direction, no id and no reply; the voice server
 * treats it as if it had come over UDP, and answers through the tunnel until the client's
 * voice arrives over UDP again.
 */
@JsonTypeName("voice")
public record VoiceTunnel(String packet) implements Message {
}
