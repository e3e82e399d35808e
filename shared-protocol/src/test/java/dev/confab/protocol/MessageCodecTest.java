package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void everyMessageTypeRoundTripsThroughOneLine() throws Exception {
        for (Class<?> type : MessageCodec.concreteMessageTypes()) {
            Message original = (Message) sample(type);
            byte[] line = MessageCodec.encodeLine(original);
            assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
            for (int i = 0; i < line.length - 1; i++) {
                assertThat(line[i]).as("raw newline inside " + type.getSimpleName()).isNotEqualTo((byte) '\n');
            }

            DecodeResult result = MessageCodec.decode(line, 0, line.length - 1);

            assertThat(result).as(type.getSimpleName()).isEqualTo(new DecodeResult.Decoded(original));
        }
    }

    @Test
    void typeNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (Class<?> type : MessageCodec.concreteMessageTypes()) {
            String name = type.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class).value();
            assertThat(names.add(name)).as("duplicate type name " + name).isTrue();
        }
    }

    @Test
    void theTypeComesFirstAndNullsAreLeftOut() {
        String json = new String(MessageCodec.encode(new Request.Login(7, "alice", null, "cft_x")), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"type\":\"login\",\"id\":7,\"name\":\"alice\",\"token\":\"cft_x\"}");
    }

    @Test
    void notJsonIsMalformed() {
        assertThat(reject("hello there").code()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(reject("[1,2]").code()).isEqualTo(ErrorCode.MALFORMED);
        assertThat(reject("{\"type\":\"ping\",\"id\":1} {}").code()).isEqualTo(ErrorCode.MALFORMED);
    }

    @Test
    void anUnknownTypeKeepsTheIdSoTheSenderCanMatchTheError() {
        Failure failure = reject("{\"type\":\"teleport\",\"id\":42}");

        assertThat(failure.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(failure.id()).isEqualTo(42L);
    }

    @Test
    void wrongFieldTypesAreABadRequestWithTheId() {
        Failure failure = reject("{\"type\":\"say\",\"id\":5,\"room\":\"lobby\",\"text\":\"hi\"}");

        assertThat(failure.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(failure.id()).isEqualTo(5L);
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        DecodeResult result = MessageCodec.decode(
                "{\"type\":\"ping\",\"id\":3,\"futureField\":{\"a\":[1]}}".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isEqualTo(new DecodeResult.Decoded(new Request.Ping(3)));
    }

    @Test
    void anErrorCodeFromANewerServerReadsAsUnknown() {
        DecodeResult result = MessageCodec.decode(
                "{\"type\":\"error\",\"id\":3,\"code\":\"quantum_flux\",\"message\":\"?\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isEqualTo(new DecodeResult.Decoded(new Failure(3L, ErrorCode.UNKNOWN, "?")));
    }

    @Test
    void deepNestingIsRefusedNotRecursedInto() {
        String deep = "{\"type\":\"ping\",\"id\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThat(reject(deep).code()).isEqualTo(ErrorCode.MALFORMED);
    }

    private static Failure reject(String line) {
        DecodeResult result = MessageCodec.decode(line.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) result).failure();
    }

    /** A record instance with a plausible value in every component, built through reflection. */
    static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i].getType(), components[i].getGenericType(), i);
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(values);
    }

    private static Object sampleValue(Class<?> type, Type generic, int index) throws Exception {
        if (type == long.class || type == Long.class) {
            return 1000L + index;
        }
        if (type == int.class || type == Integer.class) {
            return 10 + index;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == Boolean.class) {
            // Optional booleans (voice_state's fields): both values appear across components.
            return index % 2 == 0;
        }
        if (type == String.class) {
            return "text \"" + index + "\" with ünïcode and a\nnewline";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[index % (constants.length - (type == ErrorCode.class ? 1 : 0))];
        }
        if (type == List.class) {
            Class<?> element = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
            return List.of(sample(element), sample(element));
        }
        if (type.isRecord()) {
            return sample(type);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
