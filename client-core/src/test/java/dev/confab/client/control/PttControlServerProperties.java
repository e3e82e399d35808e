package dev.confab.client.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Whatever bytes a client sends, it gets exactly the replies the protocol promises for them
 * (framing, the line cap, unknown words), and another client connected all along is still served.
 */
class PttControlServerProperties {

    private Path folder;
    private PttControlServer server;
    private RawConnection bystander;

    @BeforeProperty
    void start() throws Exception {
        folder = Files.createTempDirectory("ptt");
        server = PttControlServer.start(folder.resolve("s").resolve("ptt.sock"), new AlwaysTalking());
        bystander = new RawConnection(server.path());
    }

    @AfterProperty
    void stop() throws Exception {
        bystander.close();
        server.close();
        Files.deleteIfExists(folder.resolve("s"));
        Files.deleteIfExists(folder);
    }

    @Provide
    Arbitrary<byte[]> traffic() {
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> words = Arbitraries.of("status\n", "toggle\n", "press\n", "status\r\n", "\n", "\r", "toggl", "e\n")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, words), net.jqwik.api.Tuple.of(1, garbage))
                .list().ofMaxSize(12)
                .map(parts -> {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    parts.forEach(all::writeBytes);
                    return all.toByteArray();
                });
    }

    @Property(tries = 150)
    void anyBytesGetThePromisedRepliesAndHurtNobodyElse(@ForAll("traffic") byte[] bytes) throws Exception {
        List<String> replies;
        try (RawConnection client = new RawConnection(server.path())) {
            client.send(bytes);
            replies = client.finish();
        }
        assertThat(replies).isEqualTo(expectedReplies(bytes));
        bystander.send("status\n");
        assertThat(bystander.readLine()).isEqualTo("ok talking");
    }

    /** The protocol's promise, written independently of the server's loop. */
    private static List<String> expectedReplies(byte[] bytes) {
        List<String> replies = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i - start > PttControlServer.MAX_LINE) {
                replies.add("error line too long");
                return replies;
            }
            if (i < bytes.length && bytes[i] == '\n') {
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                replies.add(PttRequest.parse(line).isPresent() ? "ok talking" : "error unknown request");
                start = i + 1;
            }
        }
        return replies;
    }

    /** Never releases anything: the property is about framing, and press here must not close the bystander. */
    private static final class AlwaysTalking implements PttControlListener {
        @Override
        public java.util.concurrent.CompletionStage<Boolean> request(long connection, PttRequest request) {
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }

        @Override
        public void closed(long connection) {
        }
    }
}
