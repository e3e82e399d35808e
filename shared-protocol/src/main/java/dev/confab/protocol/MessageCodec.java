package dev.confab.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The chat connection's codec: pure functions between {@link Message}s and the bytes of one line
 * (UTF-8 JSON, no newline). Framing into lines is the transport's job; this class never sees a
 * socket, so it is tested and fuzzed on plain byte arrays.
 *
 * <p>Decoding never throws: anything it cannot turn into a message becomes a {@link Failure}
 * with a stable code, carrying the line's {@code id} whenever one can be read so the sender can
 * match the error to its request.
 */
public final class MessageCodec {

    private static final int MAX_NESTING_DEPTH = 16;

    private static final ObjectMapper MAPPER = newMapper();
    private static final Set<String> KNOWN_TYPES = knownTypeNames();

    private MessageCodec() {
    }

    /** The mapper configured for protocol types, also for printing them (e.g. the CLI's --json). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The JSON of one message, without the trailing newline. */
    public static byte[] encode(Message message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // Protocol records hold only strings, numbers, lists and records: this is a bug.
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The JSON of one message followed by a newline: a complete frame. */
    public static byte[] encodeLine(Message message) {
        byte[] json = encode(message);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    public static DecodeResult decode(byte[] line) {
        return decode(line, 0, line.length);
    }

    public static DecodeResult decode(byte[] bytes, int offset, int length) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            return rejected(null, ErrorCode.MALFORMED, "not valid JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            return rejected(null, ErrorCode.MALFORMED, "expected one JSON object per line");
        }
        Long id = readId(tree);
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual()) {
            return rejected(id, ErrorCode.BAD_REQUEST, "missing \"type\"");
        }
        if (!KNOWN_TYPES.contains(type.textValue())) {
            return rejected(id, ErrorCode.UNKNOWN_TYPE, "unknown type \"" + truncate(type.textValue()) + "\"");
        }
        try {
            return new DecodeResult.Decoded(MAPPER.treeToValue(tree, Message.class));
        } catch (IOException | RuntimeException e) {
            return rejected(id, ErrorCode.BAD_REQUEST, "bad " + type.textValue() + ": " + firstLine(e));
        }
    }

    private static DecodeResult rejected(Long id, ErrorCode code, String message) {
        return new DecodeResult.Rejected(new Failure(id, code, message));
    }

    private static Long readId(JsonNode tree) {
        JsonNode id = tree.get("id");
        return id != null && id.canConvertToExactIntegral() && id.canConvertToLong() ? id.longValue() : null;
    }

    /** Jackson's messages quote the input and add source locations; keep the first sentence. */
    private static String firstLine(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = text.indexOf('\n');
        return truncate(cut < 0 ? text : text.substring(0, cut));
    }

    private static String truncate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    private static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(Limits.MAX_LINE_BYTES)
                .maxNumberLength(32)
                .build());
        for (Class<?> type : concreteMessageTypes()) {
            mapper.registerSubtypes(new NamedType(type));
        }
        return mapper;
    }

    /** Every record below {@link Message}, found through the sealed hierarchy, so none is forgotten. */
    static Set<Class<?>> concreteMessageTypes() {
        Set<Class<?>> found = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(Message.class);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (type.isSealed()) {
                pending.addAll(java.util.List.of(type.getPermittedSubclasses()));
            } else {
                found.add(type);
            }
        }
        return found;
    }

    private static Set<String> knownTypeNames() {
        Set<String> names = new HashSet<>();
        for (Class<?> type : concreteMessageTypes()) {
            names.add(type.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class).value());
        }
        return Set.copyOf(names);
    }
}
