package org.dawaledger.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The contract's arguments and answers, and the gateways' bodies, are JSON: a test fails on what is not. */
final class TestJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestJson() {
    }

    static JsonNode json(final String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    static String write(final Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
