package org.dawaledger.gateway.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dawaledger.gateway.problem.Problem;
import org.dawaledger.ledger.RefusedException;

/**
 * A refusal as gRPC clients hear it: the status that matches the code's HTTP status, and the description
 * {@code [CODE] detail}, as the REST API's problem carries them.
 */
final class GrpcProblems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GrpcProblems() {
    }

    /** The gRPC status of an HTTP status the REST API answers a code with. */
    static Status.Code statusOf(final int httpStatus, final String code) {
        return switch (httpStatus) {
            case 400, 413 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 500 -> Status.Code.INTERNAL;
            default -> code.endsWith("_ALREADY_EXISTS") ? Status.Code.ALREADY_EXISTS : Status.Code.FAILED_PRECONDITION;
        };
    }

    static StatusRuntimeException of(final String code, final String detail) {
        return Status.fromCode(statusOf(Problem.statusOf(code), code)).withDescription("[" + code + "] " + detail)
                .asRuntimeException();
    }

    /** A failure of a call as a gRPC status; anything unforeseen is INTERNAL. */
    static StatusRuntimeException of(final Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof RefusedException refused) {
            return of(refused.code().orElse("INTERNAL_ERROR"), refused.detail());
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getEntity() != null) {
            try {
                final JsonNode problem = body(web);
                final String code = problem.path("code").asText();
                final String field = problem.path("field").asText("");
                return Status.fromCode(statusOf(web.getResponse().getStatus(), code)).withDescription("[" + code
                        + "] " + (field.isEmpty() ? "" : field + ": ") + problem.path("detail").asText())
                        .asRuntimeException();
            } catch (UncheckedIOException e) {
                failure.addSuppressed(e);
            }
        }
        return Status.INTERNAL.withDescription("[INTERNAL_ERROR] " + failure).withCause(failure).asRuntimeException();
    }

    /** The problem+json body of a refusal the REST side of the gateway made. */
    static JsonNode body(final WebApplicationException refusal) {
        try {
            return JSON.readTree(String.valueOf(refusal.getResponse().getEntity()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
