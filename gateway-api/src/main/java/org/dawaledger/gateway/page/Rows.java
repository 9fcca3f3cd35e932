package org.dawaledger.gateway.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's answers as templates read them: each record a map of its fields, a nested record's fields flattened
 * beside them as {@code outer_inner} (templates check their expressions when built, and can follow a map's keys only
 * one level deep).
 */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {
    }

    /** A listing's records ({@code {records, bookmark}}), or an array's elements. */
    static List<Map<String, Object>> of(final JsonNode listing) {
        final JsonNode records = listing.isArray() ? listing : listing.path("records");
        final List<Map<String, Object>> rows = new ArrayList<>();
        records.forEach(record -> rows.add(one(record)));
        return rows;
    }

    /** One record. */
    static Map<String, Object> one(final JsonNode record) {
        final Map<String, Object> row = new LinkedHashMap<>();
        flatten("", record, row);
        return row;
    }

    private static void flatten(final String prefix, final JsonNode record, final Map<String, Object> row) {
        for (final Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext();) {
            final Map.Entry<String, JsonNode> field = fields.next();
            final JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(prefix + field.getKey() + "_", value, row);
            } else if (!value.isNull()) {
                row.put(prefix + field.getKey(), JSON.convertValue(value, Object.class));
            }
        }
    }
}
