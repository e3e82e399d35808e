package dev.confab.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.server.net.ChatListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated bytes thrown at a live server's line framing and JSON decoding. After every
 * try the same connection must still answer a ping, and two other clients keep chatting
 * throughout: bad input never escapes its own connection.
 */
class FramingFuzzProperties {
    static Path dir;
    static TestServer server;
    static RawClient raw;
    static TestClient speaker;
    static TestClient listener;
    static final AtomicLong pings = new AtomicLong(1000);

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("confab-fuzz");
        // Generous limits: this checks decoding, not the flood guard (tested elsewhere).
        server = TestServer.start(dir, config -> config.withListener(
                ChatListener.Settings.defaults().withRequestRate(100_000, 100_000)));
        speaker = server.registered("speaker");
        listener = server.registered("listener");
        raw = new RawClient(server.port()).hello();
    }

    @AfterContainer
    static void stop() throws Exception {
        raw.close();
        speaker.close();
        listener.close();
        server.close();
    }

    @Property(tries = 250)
    void anyBytesLeaveTheConnectionUsableAndOthersChatting(@ForAll("noise") byte[] noise) throws Exception {
        raw.sendBytes(noise);
        raw.sendBytes(new byte[] {'\n'});
        raw.roundTrip(pings.incrementAndGet());

        if (pings.get() % 50 == 0) {
            long id = speaker.say(1, "still talking " + pings.get());
            listener.await(Event.MessagePosted.class, e -> e.message().id() == id);
        }
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> jsonish = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"type\"", "\"id\"", "\"join\"",
                        "\"history\"", "\"say\"", "\"room\"", "\"text\"", "null", "-1", "1e999", "\"\\ud800\"", "\"ping\"",
                        "\"kick\"", "\"user\"", "\"delete_room\"", "0", "true", " ", "\\")
                .list().ofMaxSize(40).map(tokens -> String.join("", tokens).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> mutated = Arbitraries.of(
                        "{\"type\":\"join\",\"id\":5,\"room\":1}",
                        "{\"type\":\"history\",\"id\":6,\"room\":1,\"limit\":3}",
                        "{\"type\":\"hello\",\"id\":7,\"version\":1,\"client\":\"x\"}",
                        "{\"type\":\"ban\",\"id\":8,\"ip\":\"127.0.0.1\"}")
                .flatMap(line -> Arbitraries.integers().between(0, line.length() - 1).list().ofMinSize(1).ofMaxSize(6)
                        .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                            for (int i = 0; i < positions.size(); i++) {
                                bytes[positions.get(i)] = values.get(i);
                            }
                            return bytes;
                        })));
        Arbitrary<byte[]> overlong = Arbitraries.integers().between(Limits.MAX_LINE_BYTES + 1, Limits.MAX_LINE_BYTES * 3)
                .map(length -> "z".repeat(length).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, randomBytes),
                net.jqwik.api.Tuple.of(4, jsonish),
                net.jqwik.api.Tuple.of(4, mutated),
                net.jqwik.api.Tuple.of(1, overlong));
    }

    @net.jqwik.api.lifecycle.AfterProperty
    void nothingEscaped() {
        assertThat(speaker.connection().closeFuture()).isNotDone();
        assertThat(listener.connection().closeFuture()).isNotDone();
    }
}
