package org.dawaledger.gateway.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.ledger.RefusedException;

/**
 * A form sent back to its page: the values it had, and the error the contract (or the gateway) answered, with the
 * same code as the API, shown next to the field it names.
 *
 * @param form which form of the page was sent
 * @param field the field the error names, or null when it names none
 * @param code the error's code, or null when the form was accepted
 * @param message what is wrong
 * @param values what the form held, so that nothing typed is lost
 * @param done what an accepted form did, in words, or null
 */
public record FormState(String form, String field, String code, String message, Map<String, String> values,
        String done) {
    /** No form was sent. */
    static final FormState NONE = new FormState("", null, null, null, Map.of(), null);

    private static final ObjectMapper JSON = new ObjectMapper();

    public FormState {
        values = Map.copyOf(values);
    }

    /** An accepted form: what it did. */
    static FormState accepted(final String form, final String done) {
        return new FormState(form, null, null, null, Map.of(), done);
    }

    /**
     * A refused form: the error's code and message, and the field it is about, which is the first of the form's fields
     * its message names (the contract names its arguments as the form does).
     */
    static FormState refused(final String form, final Map<String, String> values, final RuntimeException error) {
        final String[] codeAndMessage = codeAndMessage(error);
        final String named = codeAndMessage[2] != null ? codeAndMessage[2] : fieldNamed(codeAndMessage[1],
                values.keySet());
        return new FormState(form, named, codeAndMessage[0], codeAndMessage[1], values, null);
    }

    /**
     * A form's write, made: what it did, told from the contract's result, or the refusal with the values typed.
     *
     * @param write submits the form's transaction, answering as {@code ContractCalls.submit} does
     * @param done what the accepted write did, in words, from its {@code result}
     */
    static FormState written(final String form, final Map<String, String> values, final Supplier<JsonNode> write,
            final Function<JsonNode, String> done) {
        try {
            return accepted(form, done.apply(write.get().path("result")));
        } catch (RefusedException | WebApplicationException e) {
            return refused(form, values, e);
        }
    }

    /** A form's values by name, from names and values in turn; an absent value is empty. */
    static Map<String, String> values(final String... namesAndValues) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
        }
        return values;
    }

    /** Whether this form's field is the one in error. */
    public boolean invalid(final String ofForm, final String name) {
        return code != null && form.equals(ofForm) && name.equals(field);
    }

    /** The form's error when it names no field of the form: shown above the form. */
    public boolean generalError(final String ofForm) {
        return code != null && form.equals(ofForm) && (field == null || !values.containsKey(field));
    }

    /** Whether this form was accepted just now. */
    public boolean accepted(final String ofForm) {
        return done != null && form.equals(ofForm);
    }

    /** What the field held when the form was refused; empty otherwise. */
    public String value(final String ofForm, final String name) {
        return form.equals(ofForm) && code != null ? values.getOrDefault(name, "") : "";
    }

    /** The error code and message of a refusal, and its field when the problem names one. */
    private static String[] codeAndMessage(final RuntimeException error) {
        if (error instanceof RefusedException refused) {
            return new String[] {refused.code().orElse("INTERNAL_ERROR"), refused.detail(), null};
        }
        if (error instanceof Gs1FormatException scan) {
            return new String[] {"INVALID_SCAN", scan.getMessage(), null};
        }
        if (error instanceof WebApplicationException web && web.getResponse().getEntity() instanceof String body) {
            try {
                final JsonNode problem = JSON.readTree(body);
                return new String[] {problem.path("code").asText("HTTP_" + web.getResponse().getStatus()),
                    problem.path("detail").asText(), problem.path("field").asText(null)};
            } catch (IOException e) {
                return new String[] {"HTTP_" + web.getResponse().getStatus(), body, null};
            }
        }
        return new String[] {"INTERNAL_ERROR", String.valueOf(error.getMessage()), null};
    }

    /** The form field the message starts with, or names first as a word; null when it names none. */
    static String fieldNamed(final String message, final Set<String> fields) {
        if (message == null) {
            return null;
        }
        final String lower = message.toLowerCase(Locale.ROOT);
        String first = null;
        int at = Integer.MAX_VALUE;
        for (final String field : fields) {
            final int index = wordIndex(lower, field.toLowerCase(Locale.ROOT));
            if (index >= 0 && index < at) {
                at = index;
                first = field;
            }
        }
        return first;
    }

    private static int wordIndex(final String text, final String word) {
        int from = 0;
        while (true) {
            final int index = text.indexOf(word, from);
            if (index < 0) {
                return -1;
            }
            final boolean startsWord = index == 0 || !Character.isLetterOrDigit(text.charAt(index - 1));
            final int end = index + word.length();
            final boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startsWord && endsWord) {
                return index;
            }
            from = index + 1;
        }
    }
}
