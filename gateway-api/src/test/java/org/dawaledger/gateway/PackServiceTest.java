package org.dawaledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.grpc.v1.DecommissionRequest;
import org.dawaledger.gateway.grpc.v1.DispenseRequest;
import org.dawaledger.gateway.grpc.v1.PackIdentifier;
import org.dawaledger.gateway.grpc.v1.PackOutcomes;
import org.dawaledger.gateway.grpc.v1.PacksGrpc;
import org.dawaledger.gateway.grpc.v1.VerificationGrpc;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.junit.jupiter.api.Test;

/** A scanner's writes over gRPC, as the signed-in party its token names. */
@QuarkusTest
class PackServiceTest {
    @GrpcClient("verification")
    PacksGrpc.PacksBlockingStub packs;

    @GrpcClient("verification")
    VerificationGrpc.VerificationBlockingStub verification;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayLedger ledger;

    private <S extends io.grpc.stub.AbstractStub<S>> S as(final S stub, final String participant) {
        return Api.withToken(stub, new TokenStore(config.dataDir()).issue(participant))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static PackIdentifier pack(final int n) {
        return PackIdentifier.newBuilder().setGtin(DemoWorld.GTIN).setSerial(DemoWorld.serial(n)).build();
    }

    @Test
    void aPharmacyDispensesOverGrpcAndASecondDispenseIsAnsweredAlreadySuppliedWithAnAlert() {
        final PackOutcomes first = as(packs, "pharmacy").dispense(DispenseRequest.newBuilder().addPacks(pack(45))
                .build());
        assertThat(first.getOutcomes(0).getAccepted()).isTrue();
        assertThat(first.getOutcomes(0).getCode()).isEqualTo("SUPPLIED");
        assertThat(first.getTransactionId()).isNotEmpty();

        final PackOutcomes second = as(packs, "pharmacy").dispense(DispenseRequest.newBuilder().addPacks(pack(45))
                .build());
        assertThat(second.getOutcomes(0).getAccepted()).isFalse();
        assertThat(second.getOutcomes(0).getCode()).isEqualTo("ALREADY_SUPPLIED");
        assertThat(second.getOutcomes(0).getAlertId()).isNotEmpty();
    }

    @Test
    void aRetriedDispenseWithItsIdempotencyKeyAnswersTheFirstOutcomeAndWritesOnce() {
        final DispenseRequest request = DispenseRequest.newBuilder().addPacks(pack(46))
                .setIdempotencyKey("till-7-scan-" + System.nanoTime()).build();
        final PackOutcomes first = as(packs, "pharmacy").dispense(request);
        final long height = ledger.ledger().height();

        final PackOutcomes retry = as(packs, "pharmacy").dispense(request);

        assertThat(retry).isEqualTo(first);
        assertThat(retry.getOutcomes(0).getCode()).isEqualTo("SUPPLIED");
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void withoutATokenOrAsTheWrongPartyADispenseIsRefusedWithTheStatusOfItsCode() {
        final long height = ledger.ledger().height();
        final StatusRuntimeException anonymous = catchThrowableOfType(StatusRuntimeException.class, () -> packs
                .withDeadlineAfter(30, TimeUnit.SECONDS).dispense(DispenseRequest.newBuilder().addPacks(pack(47))
                        .build()));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(anonymous.getStatus().getDescription()).startsWith("[UNAUTHENTICATED]");

        final StatusRuntimeException distributor = catchThrowableOfType(StatusRuntimeException.class, () ->
                as(packs, "distributor").dispense(DispenseRequest.newBuilder().addPacks(pack(47)).build()));
        assertThat(distributor.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(distributor.getStatus().getDescription()).startsWith("[ROLE_NOT_PERMITTED]");

        final StatusRuntimeException empty = catchThrowableOfType(StatusRuntimeException.class, () ->
                as(packs, "pharmacy").dispense(DispenseRequest.getDefaultInstance()));
        assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void aPharmacyDecommissionsASampleOverGrpcAndABadReasonIsInvalidArgument() {
        final PackOutcomes sampled = as(packs, "pharmacy").decommission(DecommissionRequest.newBuilder()
                .addPacks(pack(48)).setReason("SAMPLE").build());
        assertThat(sampled.getOutcomes(0).getCode()).isEqualTo("SAMPLE");

        final StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () ->
                as(packs, "pharmacy").decommission(DecommissionRequest.newBuilder().addPacks(pack(49))
                        .setReason("SUPPLIED").build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription()).startsWith("[INVALID_ARGUMENT]");
    }

    @Test
    void aSignedInPartysFailedVerificationOverGrpcRaisesAnAlertAsIt() {
        final VerifyReply unknown = as(verification, "pharmacy").verify(VerifyRequest.newBuilder()
                .setGtin(DemoWorld.GTIN).setSerial("GHOST" + System.nanoTime() % 100_000).build());
        assertThat(unknown.getVerdict()).isEqualTo("UNKNOWN_SERIAL");
        assertThat(unknown.getAlertId()).isNotEmpty();

        final VerifyReply anonymous = verification.withDeadlineAfter(30, TimeUnit.SECONDS).verify(VerifyRequest
                .newBuilder().setGtin(DemoWorld.GTIN).setSerial("GHOST1").build());
        assertThat(anonymous.getAlertId()).isEmpty();
    }

    @Test
    void aForgedTokenIsUnauthenticatedOverGrpcToo() {
        final StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> Api
                .withToken(verification, "dlt_00000000_x")
                .verify(VerifyRequest.newBuilder().setGtin(DemoWorld.GTIN).setSerial(DemoWorld.serial(2)).build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
}
