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

    /**
     * The HTTP status of an error code: 400 for bad input, 403 for a caller who may not do this, 404 for what is not
     * on the ledger, 422 for an Idempotency-Key reused for another request, 429 for a party over its alert limit
     * or an anonymous client over its rate, 500 for a fault, and 409 for a call that the ledger's
     * current state refuses (the same call may pass once the state changes).
     */
    public static int statusOf(final String code) {
        return switch (code) {
            case "INVALID_ARGUMENT", "INVALID_TRANSACTION_TIME", "TOO_MANY_ITEMS", "DUPLICATE_SERIAL",
                    "EXPIRY_IN_PAST", "INVALID_SCAN", "MALFORMED_JSON" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "IDEMPOTENCY_KEY_REUSED" -> 422;
            case "CALLER_NOT_REGISTERED", "CALLER_NOT_ACTIVE", "ROLE_NOT_PERMITTED", "NOT_OWNER", "NOT_CUSTODIAN",
                    "NOT_RECEIVER", "CANCEL_NOT_ALLOWED", "UNDO_BY_DIFFERENT_PARTY", "ACCESS_DENIED" -> 403;
            case "ALERT_LIMIT_REACHED", "RATE_LIMITED" -> 429;
            case "INTERNAL_ERROR" -> 500;
            default -> code.endsWith("_NOT_FOUND") ? 404 : 409;
        };
    }
}
