package org.dawaledger.gateway.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * An error as RFC 9457 {@code application/problem+json}: {@code type}, {@code title}, {@code status}, {@code detail},
 * and DawaLedger's {@code code} (the contract's error code, or the gateway's own) and {@code field} where one input
 * is at fault.
 */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problem() {
    }

    /** A 400 naming the input at fault. */
    public static WebApplicationException badRequest(final String code, final String field, final String detail) {
        return new WebApplicationException(response(400, code, field, detail));
    }

    /** The response for a problem. */
    public static Response response(final int status, final String code, final String field, final String detail) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("type", "https://dawaledger.org/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", Response.Status.fromStatusCode(status) == null ? code
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body.toString()).build();
    }

    /** The HTTP status of a contract error code. */
    public static int statusOf(final String code) {
        if (code.equals("INVALID_ARGUMENT")) {
            return 400;
        }
        if (code.endsWith("_NOT_FOUND")) {
            return 404;
        }
        if (code.equals("ROLE_NOT_PERMITTED") || code.equals("NOT_OWNER") || code.startsWith("PARTICIPANT_")) {
            return 403;
        }
        if (code.equals("INTERNAL_ERROR")) {
            return 500;
        }
        return 409;
    }
}
