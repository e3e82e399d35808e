package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever bytes arrive, decoding answers with a message or a failure and never throws. */
class MessageCodecProperties {

    @Property(tries = 2000)
    void randomBytesNeverEscape(@ForAll @Size(max = 300) byte[] bytes) {
        assertAnswered(MessageCodec.decode(bytes));
    }

    @Property(tries = 3000)
    void mutatedValidLinesNeverEscape(@ForAll("mutatedLines") byte[] line) {
        assertAnswered(MessageCodec.decode(line));
    }

    @Property(tries = 1000)
    void jsonShapedNoiseNeverEscapes(@ForAll("jsonNoise") String line) {
        assertAnswered(MessageCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertAnswered(DecodeResult result) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Rejected rejected) {
            assertThat(rejected.failure().code()).isNotNull();
            assertThat(rejected.failure().message()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedLines() throws Exception {
        java.util.List<byte[]> valid = new java.util.ArrayList<>();
        for (Class<?> type : MessageCodec.concreteMessageTypes()) {
            valid.add(MessageCodec.encode((Message) MessageCodecTest.sample(type)));
        }
        return Arbitraries.of(valid).flatMap(line -> Arbitraries.integers().between(1, 8).flatMap(edits ->
                Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(edits * 2).map(randoms -> {
                    byte[] copy = line.clone();
                    for (int i = 0; i < randoms.size(); i += 2) {
                        copy[randoms.get(i) % copy.length] = (byte) (int) randoms.get(i + 1);
                    }
                    return copy;
                })));
    }

    @Provide
    Arbitrary<String> jsonNoise() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"type\"", "\"id\"", "\"say\"",
                "\"login\"", "\"room\"", "\"text\"", "null", "true", "-1", "1e999", "9223372036854775808", "\"\\u0000\"",
                "\"\\ud800\"", "0.5", "\"ban\"", "\"seconds\"");
        return tokens.list().ofMaxSize(40).map(list -> String.join("", list));
    }
}
