package org.dawaledger.gateway.page;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The contract's answers as templates read them: records as maps of their fields. */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> ROWS = new TypeReference<>() {
    };

    private Rows() {
    }

    /** A listing's records ({@code {records, bookmark}}), or an array's elements. */
    static List<Map<String, Object>> of(final JsonNode listing) {
        final JsonNode records = listing.isArray() ? listing : listing.path("records");
        return records.isArray() ? JSON.convertValue(records, ROWS) : List.of();
    }

    /** One record. */
    static Map<String, Object> one(final JsonNode record) {
        return record.isObject() ? JSON.convertValue(record, ROW) : Map.of();
    }
}
