package org.dawaledger.gateway.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.dawaledger.gateway.grpc.v1.PackIdentifier;
import org.dawaledger.gateway.grpc.v1.Problem;
import org.dawaledger.gateway.grpc.v1.RegulatedPrice;
import org.dawaledger.gateway.grpc.v1.Verification;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.gateway.auth.SignIn;
import org.dawaledger.gateway.verify.AnonymousRateLimit;
import org.dawaledger.gateway.verify.UnjudgeableRequest;
import org.dawaledger.gateway.verify.Verifier;
import org.dawaledger.gs1.Gs1FormatException;
import org.dawaledger.ledger.Caller;
import org.dawaledger.ledger.RefusedException;

/** Verification over gRPC ({@code dawaledger.v1.Verification}), for scanners: the same answers as REST. */
@GrpcService
public class VerificationService implements Verification {
    private final Verifier verifier;
    private final SignIn signIn;
    private final AnonymousRateLimit limit;

    VerificationService(final Verifier verifier, final SignIn signIn, final AnonymousRateLimit limit) {
        this.verifier = verifier;
        this.signIn = signIn;
        this.limit = limit;
    }

    @Override
    public Uni<VerifyReply> verify(final VerifyRequest request) {
        final String address = CallMetadata.CLIENT_ADDRESS.get();
        final String authorization = CallMetadata.AUTHORIZATION.get();
        // Ledger reads block: off the event loop in one hand-off (@Blocking hands off every callback of the call).
        return Uni.createFrom().item(() -> {
            final VerifyReply reply = reply(signIn.optional(authorization), address, request);
            if (reply.hasProblem()) {
                final Problem problem = reply.getProblem();
                throw GrpcProblems.of(problem.getCode(), (problem.getField().isEmpty() ? ""
                        : problem.getField() + ": ") + problem.getDetail());
            }
            return reply;
        }).onFailure(failure -> !(failure instanceof StatusRuntimeException)).transform(GrpcProblems::of)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Multi<VerifyReply> verifyStream(final Multi<VerifyRequest> requests) {
        final String address = CallMetadata.CLIENT_ADDRESS.get();
        final String authorization = CallMetadata.AUTHORIZATION.get();
        // Ledger reads block: off the event loop, one scan after another so the answers keep the scans' order.
        return requests.emitOn(Infrastructure.getDefaultWorkerPool()).onItem().transformToUniAndConcatenate(request -> {
            try {
                return Uni.createFrom().item(reply(signIn.optional(authorization), address, request));
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(GrpcProblems.of(e));
            }
        });
    }

    /** The answer to one request: a verdict, or the problem that kept it from being judged. */
    private VerifyReply reply(final Caller caller, final String address, final VerifyRequest request) {
        final VerifyReply.Builder reply = VerifyReply.newBuilder().setRequestId(request.getRequestId());
        if (caller == null) {
            final long wait = limit.secondsToWait(address);
            if (wait > 0) {
                return reply.setProblem(problem("RATE_LIMITED", "", AnonymousRateLimit.refusal(wait))).build();
            }
        }
        try {
            final String[] fields = Verifier.fields(request.getCode(), request.getGtin(), request.getSerial(),
                    request.getLot(), request.getExpiry());
            final JsonNode answer = caller == null ? verifier.verify(fields) : verifier.verifyAs(caller, fields,
                    request.getIdempotencyKey().isEmpty() ? null : request.getIdempotencyKey());
            final JsonNode verdict = answer.get("verdict");
            final JsonNode identifier = answer.get("identifier");
            reply.setVerdict(verdict.path("verdict").asText()).setLevel(verdict.path("level").asText())
                    .setProductName(verdict.path("productName").asText())
                    .setProductStatus(verdict.path("productStatus").asText())
                    .setBatchStatus(verdict.path("batchStatus").asText())
                    .setPackStatus(verdict.path("packStatus").asText())
                    .setRecallReason(verdict.path("recallReason").asText())
                    .setIdentifier(PackIdentifier.newBuilder().setGtin(identifier.path("gtin").asText())
                            .setSerial(identifier.path("serial").asText()).setLot(identifier.path("lot").asText())
                            .setExpiry(identifier.path("expiry").asText()))
                    .setBlock(answer.path("block").asLong());
            verdict.path("findings").forEach(finding -> reply.addFindings(finding.asText()));
            final JsonNode price = verdict.path("regulatedPrice");
            if (price.isObject()) {
                reply.setRegulatedPrice(RegulatedPrice.newBuilder().setPaisa(price.path("paisa").asLong())
                        .setEffectiveFrom(price.path("effectiveFrom").asText())
                        .setReference(price.path("reference").asText()));
            }
            reply.setAlertId(answer.path("alert").path("alertId").asText());
        } catch (Gs1FormatException e) {
            reply.setProblem(problem("INVALID_SCAN", e.field().name().toLowerCase(Locale.ROOT), e.getMessage()));
        } catch (UnjudgeableRequest e) {
            reply.setProblem(problem("INVALID_ARGUMENT", e.field(), e.getMessage()));
        } catch (RefusedException e) {
            reply.setProblem(problem(e.code().orElse("INTERNAL_ERROR"), "", e.detail()));
        } catch (WebApplicationException e) {
            // A malformed idempotency key, or one used for another scan: the problem the REST API would answer.
            final JsonNode problem = GrpcProblems.body(e);
            reply.setProblem(problem(problem.path("code").asText("INVALID_ARGUMENT"), "idempotency_key",
                    problem.path("detail").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reply.build();
    }

    private static Problem problem(final String code, final String field, final String detail) {
        return Problem.newBuilder().setCode(code).setField(field).setDetail(detail).build();
    }
}
