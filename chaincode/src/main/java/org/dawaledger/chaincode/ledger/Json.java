package org.dawaledger.chaincode.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON form of the ledger. Every peer must produce byte-identical values for the same transaction, so keys
 * are sorted, absent values are left out, and nothing depends on the JVM's locale or field order.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Records carry their data in components; helpers such as isActive() are not data.
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Arguments are read strictly: nothing after the value, no repeated keys, no 1.5 read as 1, no "12" or
            // true read as another type. A lenient reading would act on something other than what the caller meant.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /**
     * Writes a value in the ledger's deterministic form.
     *
     * @param value a record or collection of records
     * @return its JSON text
     */
    public static String write(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; reaching this is a programming error.
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Writes a value as UTF-8 bytes, the form kept in the world state.
     *
     * @param value a record
     * @return its JSON bytes
     */
    public static byte[] bytes(final Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a value stored by this chaincode.
     *
     * @throws IllegalStateException if the stored bytes do not match the type, which means the ledger holds data this
     *     version cannot read
     */
    static <T> T readStored(final byte[] stored, final Class<T> type) {
        try {
            return MAPPER.readValue(stored, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a caller's JSON argument.
     *
     * @param name argument name, for the error message
     * @param text the argument
     * @param type what it should hold
     * @return the parsed value
     * @throws org.hyperledger.fabric.shim.ChaincodeException if the text is not JSON of that shape
     *     ({@code INVALID_ARGUMENT})
     */
    public static <T> T readArgument(final String name, final String text, final TypeReference<T> type) {
        if (text == null || text.isBlank()) {
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is required", name);
        }
        try {
            final T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw ErrorCode.INVALID_ARGUMENT.exception("%s is required", name);
            }
            return value;
        } catch (JsonProcessingException e) {
            final String detail = e.getOriginalMessage();
            // Jackson's hints name its own settings, which mean nothing to a caller.
            final int hint = detail.indexOf(" (set DeserializationConfig");
            throw ErrorCode.INVALID_ARGUMENT.exception("%s is not valid JSON of the expected shape: %s", name,
                    hint < 0 ? detail : detail.substring(0, hint));
        }
    }
}
