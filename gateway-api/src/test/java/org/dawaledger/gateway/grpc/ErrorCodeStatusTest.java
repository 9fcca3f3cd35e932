package org.dawaledger.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.dawaledger.chaincode.ledger.ErrorCode;
import org.dawaledger.gateway.problem.Problem;
import org.junit.jupiter.api.Test;

class ErrorCodeStatusTest {
    /** What each of the contract's codes means to an HTTP client: written out, so a new code fails until added. */
    private static final Map<String, Integer> HTTP = new TreeMap<>(Map.ofEntries(
            Map.entry("INVALID_ARGUMENT", 400), Map.entry("INVALID_TRANSACTION_TIME", 400),
            Map.entry("TOO_MANY_ITEMS", 400), Map.entry("DUPLICATE_SERIAL", 400), Map.entry("EXPIRY_IN_PAST", 400),
            Map.entry("CALLER_NOT_REGISTERED", 403), Map.entry("CALLER_NOT_ACTIVE", 403),
            Map.entry("ROLE_NOT_PERMITTED", 403), Map.entry("NOT_OWNER", 403), Map.entry("NOT_CUSTODIAN", 403),
            Map.entry("NOT_RECEIVER", 403), Map.entry("CANCEL_NOT_ALLOWED", 403),
            Map.entry("UNDO_BY_DIFFERENT_PARTY", 403), Map.entry("ACCESS_DENIED", 403),
            Map.entry("PARTICIPANT_NOT_FOUND", 404), Map.entry("PRODUCT_NOT_FOUND", 404),
            Map.entry("BATCH_NOT_FOUND", 404), Map.entry("PACK_NOT_FOUND", 404), Map.entry("SHIPMENT_NOT_FOUND", 404),
            Map.entry("ALERT_NOT_FOUND", 404),
            Map.entry("LEDGER_NOT_INITIALISED", 409), Map.entry("LEDGER_ALREADY_INITIALISED", 409),
            Map.entry("PARTICIPANT_ALREADY_EXISTS", 409), Map.entry("IDENTITY_ALREADY_REGISTERED", 409),
            Map.entry("INVALID_STATUS_TRANSITION", 409), Map.entry("COMPANY_PREFIX_TAKEN", 409),
            Map.entry("PRODUCT_ALREADY_EXISTS", 409), Map.entry("PRODUCT_WITHDRAWN", 409),
            Map.entry("PRODUCT_NOT_APPROVED", 409), Map.entry("BATCH_ALREADY_EXISTS", 409),
            Map.entry("BATCH_NOT_RELEASED", 409), Map.entry("BATCH_RECALLED", 409), Map.entry("BATCH_EXPIRED", 409),
            Map.entry("BATCH_SERIALISATION_CONFLICT", 409), Map.entry("IMPORT_NOT_PENDING", 409),
            Map.entry("INSUFFICIENT_STOCK", 409), Map.entry("SERIAL_ALREADY_COMMISSIONED", 409),
            Map.entry("PACK_NOT_ACTIVE", 409), Map.entry("PACK_IN_TRANSIT", 409),
            Map.entry("RECEIVER_NOT_ELIGIBLE", 409), Map.entry("SHIPMENT_NOT_IN_TRANSIT", 409),
            Map.entry("PACK_NOT_DECOMMISSIONED", 409), Map.entry("PACK_NOT_HELD", 409),
            Map.entry("HOLDER_NOT_REVOKED", 409), Map.entry("UNDO_NOT_ALLOWED", 409),
            Map.entry("UNDO_WINDOW_EXCEEDED", 409), Map.entry("ALERT_ALREADY_RESOLVED", 409),
            Map.entry("ALERT_LIMIT_REACHED", 429), Map.entry("INTERNAL_ERROR", 500)));

    private static final Map<Integer, Status.Code> GRPC = Map.of(400, Status.Code.INVALID_ARGUMENT,
            403, Status.Code.PERMISSION_DENIED, 404, Status.Code.NOT_FOUND, 409, Status.Code.FAILED_PRECONDITION,
            429, Status.Code.RESOURCE_EXHAUSTED, 500, Status.Code.INTERNAL);

    @Test
    void everyCodeOfTheContractHasTheHttpStatusItsClientsExpect() {
        assertThat(HTTP.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values())
                .map(Enum::name).toList());
        HTTP.forEach((code, status) -> assertThat(Problem.statusOf(code)).as(code).isEqualTo(status));
    }

    @Test
    void everyCodeOfTheContractHasTheGrpcStatusOfItsHttpStatusAndKeepsItsCodeInTheDescription() {
        for (final ErrorCode code : ErrorCode.values()) {
            final var status = GrpcProblems.of(code.name(), "why").getStatus();
            final Status.Code expected = code.name().endsWith("_ALREADY_EXISTS") ? Status.Code.ALREADY_EXISTS
                    : GRPC.get(HTTP.get(code.name()));
            assertThat(status.getCode()).as(code.name()).isEqualTo(expected);
            assertThat(status.getDescription()).isEqualTo("[" + code.name() + "] why");
        }
    }

    @Test
    void theGatewaysOwnCodesHaveTheirStatusesToo() {
        assertThat(Problem.statusOf("UNAUTHENTICATED")).isEqualTo(401);
        assertThat(Problem.statusOf("MALFORMED_JSON")).isEqualTo(400);
        assertThat(Problem.statusOf("INVALID_SCAN")).isEqualTo(400);
        assertThat(Problem.statusOf("IDEMPOTENCY_KEY_REUSED")).isEqualTo(422);
        assertThat(Problem.statusOf("RATE_LIMITED")).isEqualTo(429);
        assertThat(GrpcProblems.of("UNAUTHENTICATED", "x").getStatus().getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcProblems.of("RATE_LIMITED", "x").getStatus().getCode())
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }
}
