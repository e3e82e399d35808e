package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.server.net.ChatListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gets its stable code, and the connection stays usable where it can. */
class BadInputEndToEndTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir, config -> config.withListener(ChatListener.Settings.defaults().withIdleSeconds(1)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode errorFor(RawClient raw, String line) throws Exception {
        raw.send(line);
        return raw.readUntil(json -> json.path("type").asText().equals("error"));
    }

    @Test
    void eachBadLineIsAnsweredWithItsCodeAndTheConnectionGoesOn() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(errorFor(raw, "{\"type\":\"ping\",\"id\":4}").path("code").asText()).isEqualTo("hello_required");
            JsonNode version = errorFor(raw, "{\"type\":\"hello\",\"id\":5,\"version\":99}");
            assertThat(version.path("code").asText()).isEqualTo("unsupported_version");
            assertThat(version.path("id").asLong()).isEqualTo(5);
            raw.hello();

            assertThat(errorFor(raw, "{not json").path("code").asText()).isEqualTo("malformed");
            JsonNode unknown = errorFor(raw, "{\"type\":\"teleport\",\"id\":9}");
            assertThat(unknown.path("code").asText()).isEqualTo("unknown_type");
            assertThat(unknown.path("id").asLong()).isEqualTo(9);
            assertThat(errorFor(raw, "{\"type\":\"welcome\",\"id\":10}").path("code").asText()).isEqualTo("unknown_type");
            assertThat(errorFor(raw, "{\"type\":\"join\",\"id\":11,\"room\":\"x\"}").path("code").asText())
                    .isEqualTo("bad_request");
            assertThat(errorFor(raw, "{\"type\":\"join\",\"id\":12,\"room\":1}").path("code").asText())
                    .isEqualTo("not_logged_in");
            assertThat(errorFor(raw, "x".repeat(Limits.MAX_LINE_BYTES + 10)).path("code").asText())
                    .isEqualTo("line_too_long");
            raw.send("");
            raw.roundTrip(77);
        }
        assertThat(server.server().counters().badLines.sum()).isPositive();
        assertThat(server.server().counters().overlongLines.sum()).isPositive();
    }

    @Test
    void aSilentClientIsPingedThenDisconnectedButAClientThatAnswersStays() throws Exception {
        try (TestClient answering = server.registered("awake"); RawClient silent = new RawClient(server.port())) {
            silent.hello();
            assertThat(silent.readUntil(json -> json.path("type").asText().equals("ping"))).isNotNull();
            JsonNode bye = silent.readUntil(json -> json.path("type").asText().equals("bye"));
            assertThat(bye.path("code").asText()).isEqualTo("idle_timeout");
            assertThat(silent.isClosedByServer()).isTrue();

            Thread.sleep(2500);
            assertThat(answering.connection().closeFuture()).isNotDone();
            assertThat(answering.say(1, "still here")).isPositive();
        }
    }

    @Test
    void aFloodingClientIsThrottledThenDisconnectedWhileOthersKeepChatting() throws Exception {
        try (TestClient speaker = server.registered("speaker"); TestClient listener = server.registered("listener");
             RawClient flooder = new RawClient(server.port())) {
            flooder.hello();
            Thread background = new Thread(() -> {
                try {
                    StringBuilder burst = new StringBuilder();
                    for (int i = 0; i < 200; i++) {
                        burst.append("{\"type\":\"ping\",\"id\":").append(i).append("}\n");
                    }
                    byte[] bytes = burst.toString().getBytes();
                    for (int i = 0; i < 100; i++) {
                        flooder.sendBytes(bytes);
                    }
                } catch (Exception closedUnderUs) {
                    // expected: the server hangs up mid-flood
                }
            });
            background.start();

            for (int i = 0; i < 20; i++) {
                long id = speaker.say(1, "message " + i);
                listener.await(Event.MessagePosted.class, e -> e.message().id() == id);
            }
            // The server hangs up on a client still writing, so the end of what it said may be lost
            // to the TCP reset: the server's counters are the reliable witness.
            assertThat(flooder.isClosedByServer()).isTrue();
            background.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(server.server().counters().rateLimited.sum()).isPositive();
            assertThat(server.server().counters().floodDisconnects.sum()).isPositive();
            assertThat(speaker.say(1, "after the flood")).isPositive();
            listener.assertNone(Event.Bye.class, e -> true, Duration.ofMillis(100));
        }
    }
}
