package org.dawaledger.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.dawaledger.gateway.verify.UnjudgeableRequest;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.ledger.RefusedException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the gateway answers, as {@link Problem}s. */
public class ProblemMappers {
    @ServerExceptionMapper
    Response unparseableScan(final Gs1FormatException e) {
        return Problem.response(400, "INVALID_SCAN", e.field().name().toLowerCase(Locale.ROOT), e.getMessage());
    }

    @ServerExceptionMapper
    Response unjudgeable(final UnjudgeableRequest e) {
        return Problem.response(400, "INVALID_ARGUMENT", e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    Response refused(final RefusedException e) {
        final String code = e.code().orElse("INTERNAL_ERROR");
        return Problem.response(Problem.statusOf(code), code, null, e.getMessage() == null ? code : e.detail());
    }

    @ServerExceptionMapper
    Response malformedJson(final JsonProcessingException e) {
        return Problem.response(400, "MALFORMED_JSON", "body", e.getOriginalMessage());
    }

    @ServerExceptionMapper
    Response mismatchedJson(final MismatchedInputException e) {
        return Problem.response(400, "MALFORMED_JSON", fieldOf(e), e.getOriginalMessage());
    }

    /** Where in the body the JSON went wrong, as {@code packs[2].serial}; {@code body} when it is the whole. */
    private static String fieldOf(final JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "body";
        }
        final StringBuilder field = new StringBuilder();
        for (final JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** The framework's own errors (unreadable body, unknown path, wrong method or media type), as problems too. */
    @ServerExceptionMapper
    Response framework(final WebApplicationException e) {
        final Response response = e.getResponse();
        // A page's redirect (to sign in) is no error; an error with a body is answered as it is.
        if (response.hasEntity() || response.getStatus() < 400) {
            return response;
        }
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JsonProcessingException)) {
            cause = cause.getCause();
        }
        if (cause != null || response.getStatus() == 400) {
            final String detail = cause == null ? "the body is not the JSON object this call takes"
                    : ((JsonProcessingException) cause).getOriginalMessage();
            return Problem.response(400, "MALFORMED_JSON", cause == null ? "body"
                    : fieldOf((JsonProcessingException) cause), detail);
        }
        return Problem.response(response.getStatus(), "HTTP_" + response.getStatus(), null,
                response.getStatusInfo().getReasonPhrase());
    }
}
