package org.dawaledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.grpc.v1.MutinyVerificationGrpc;
import org.dawaledger.gateway.grpc.v1.Verification;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerificationServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @GrpcClient("verification")
    Verification client;

    @GrpcClient("verification")
    MutinyVerificationGrpc.MutinyVerificationStub stub;

    @Inject
    GatewayConfig config;

    private static VerifyRequest scan(final String id, final String serial, final String lot) {
        return VerifyRequest.newBuilder().setRequestId(id)
                .setCode("(01)" + DemoWorld.GTIN + "(21)" + serial + "(10)" + lot + "(17)" + DemoWorld.EXPIRY).build();
    }

    @Test
    void aUnaryVerifyAnswersTheVerdictTheIdentifierAndTheBlock() {
        final VerifyReply reply = client.verify(scan("one", DemoWorld.serial(2), DemoWorld.LOT)).await()
                .atMost(WAIT);

        assertThat(reply.getVerdict()).isEqualTo("ACTIVE");
        assertThat(reply.getProductName()).isEqualTo("Panadol");
        assertThat(reply.getIdentifier().getSerial()).isEqualTo(DemoWorld.serial(2));
        assertThat(reply.getRequestId()).isEqualTo("one");
        assertThat(reply.getBlock()).isPositive();
        assertThat(reply.hasProblem()).isFalse();
    }

    @Test
    void aUnaryScanWithoutALotIsJudgedByTheSerialOrElseAtProductLevel() {
        final VerifyReply bySerial = client.verify(VerifyRequest.newBuilder()
                .setCode("]d201" + DemoWorld.GTIN + "21" + DemoWorld.serial(2)).build()).await().atMost(WAIT);
        assertThat(bySerial.getVerdict()).isEqualTo("ACTIVE");
        assertThat(bySerial.getIdentifier().getLot()).isEmpty();

        final VerifyReply productLevel = client.verify(VerifyRequest.newBuilder().setCode("(01)" + DemoWorld.GTIN
                + "(17)" + DemoWorld.EXPIRY).build()).await().atMost(WAIT);
        assertThat(productLevel.getVerdict()).isEqualTo("LOT_REQUIRED");
        assertThat(productLevel.getProductName()).isEqualTo("Panadol");
        assertThat(productLevel.hasProblem()).isFalse();
    }

    @Test
    void aUnaryMisreadIsInvalidArgumentWithItsCodeAndField() {
        final String wrong = DemoWorld.GTIN.substring(0, 13) + ((DemoWorld.GTIN.charAt(13) - '0' + 1) % 10);
        final VerifyRequest misread = VerifyRequest.newBuilder()
                .setCode("(01)" + wrong + "(21)X1(10)" + DemoWorld.LOT + "(17)" + DemoWorld.EXPIRY).build();

        final StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> client.verify(misread).await().atMost(WAIT));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription()).startsWith("[INVALID_SCAN] gtin:");
    }

    @Test
    void aStreamAnswersEveryScanInOrderAndAProblemDoesNotEndIt() {
        final List<VerifyReply> replies = client.verifyStream(Multi.createFrom().items(
                scan("a", DemoWorld.serial(3), DemoWorld.LOT),
                VerifyRequest.newBuilder().setRequestId("b").setCode("not a barcode").build(),
                scan("c", DemoWorld.serial(1), DemoWorld.LOT),
                VerifyRequest.newBuilder().setRequestId("d").build(),
                scan("e", DemoWorld.recalledSerial(2), DemoWorld.RECALLED_LOT)))
                .collect().asList().await().atMost(WAIT);

        assertThat(replies).extracting(VerifyReply::getRequestId).containsExactly("a", "b", "c", "d", "e");
        assertThat(replies).extracting(VerifyReply::getVerdict)
                .containsExactly("ACTIVE", "", "ALREADY_SUPPLIED", "", "RECALLED");
        assertThat(replies.get(1).getProblem().getCode()).isEqualTo("INVALID_SCAN");
        assertThat(replies.get(3).getProblem().getCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(replies.get(3).getProblem().getField()).isEqualTo("code");
    }

    @Test
    void aStreamedAnswerNeverSaysWhoSoldThePack() {
        final VerifyReply dispensed = client.verifyStream(Multi.createFrom().item(scan("x", DemoWorld.serial(1),
                DemoWorld.LOT))).collect().first().await().atMost(WAIT);

        assertThat(dispensed.toString()).doesNotContain(DemoWorld.PHARMACY_GLN);
    }

    @Test
    void aSignedInPartysFailedScansAtOnceEachRaiseTheirAlert() {
        // Its reports share the party's daily count, so scans judged at once race for it: each must still land.
        final long run = System.nanoTime() % 1_000_000;
        final Api api = new Api(config.dataDir());
        final MutinyVerificationGrpc.MutinyVerificationStub distributor = api.as(stub, "distributor");

        final List<VerifyReply> replies = Multi.createFrom().range(0, 6).onItem()
                .transformToUniAndMerge(i -> distributor.verify(VerifyRequest.newBuilder().setRequestId("g" + i)
                        .setGtin(DemoWorld.GTIN).setSerial("GHOST" + run + "X" + i).build()))
                .collect().asList().await().atMost(WAIT);

        assertThat(replies).extracting(VerifyReply::getRequestId)
                .containsExactlyInAnyOrder("g0", "g1", "g2", "g3", "g4", "g5");
        assertThat(replies).extracting(VerifyReply::getVerdict).containsOnly("UNKNOWN_SERIAL");
        assertThat(replies).extracting(VerifyReply::getAlertId).doesNotContain("").doesNotHaveDuplicates();
        // An answer that names an alert the ledger does not hold would be worse than none.
        replies.forEach(reply -> api.as("distributor").when().get("/api/v1/alerts/" + reply.getAlertId()).then()
                .statusCode(200).body("raisedBy", equalTo(DemoWorld.DISTRIBUTOR_GLN)));
    }

    @Test
    void aFailedScanRetriedWithItsIdempotencyKeyHearsTheFirstAlertAndRaisesNoOther() {
        final long run = System.nanoTime() % 1_000_000;
        final Api api = new Api(config.dataDir());
        final MutinyVerificationGrpc.MutinyVerificationStub distributor = api.as(stub, "distributor");
        final VerifyRequest scan = VerifyRequest.newBuilder().setGtin(DemoWorld.GTIN).setSerial("RETRY" + run)
                .setIdempotencyKey("queued-" + run).build();

        final VerifyReply first = distributor.verify(scan).await().atMost(WAIT);
        final VerifyReply retried = distributor.verify(scan).await().atMost(WAIT);
        final VerifyReply withoutKey = distributor.verify(scan.toBuilder().clearIdempotencyKey().build())
                .await().atMost(WAIT);

        assertThat(first.getVerdict()).isEqualTo("UNKNOWN_SERIAL");
        assertThat(first.getAlertId()).isNotEmpty();
        assertThat(retried.getVerdict()).isEqualTo("UNKNOWN_SERIAL");
        assertThat(retried.getAlertId()).isEqualTo(first.getAlertId());
        assertThat(withoutKey.getAlertId()).as("a scan without a key is a new scan").isNotEmpty()
                .isNotEqualTo(first.getAlertId());
        // The same key for another scan is refused, and raises nothing.
        final StatusRuntimeException reused = catchThrowableOfType(StatusRuntimeException.class,
                () -> distributor.verify(scan.toBuilder().setSerial("OTHER" + run).build()).await().atMost(WAIT));
        assertThat(reused.getStatus().getDescription()).startsWith("[IDEMPOTENCY_KEY_REUSED] idempotency_key:");
        final List<String> onTheLedger = api.get("regulator", "/api/v1/alerts?status=OPEN&pageSize=1000")
                .statusCode(200).extract().path("records.findAll { it.serial == '" + scan.getSerial() + "' }.alertId");
        assertThat(onTheLedger).containsExactlyInAnyOrder(first.getAlertId(), withoutKey.getAlertId());
        assertThat(api.get("regulator", "/api/v1/alerts?status=OPEN&pageSize=1000").extract()
                .<List<String>>path("records.serial")).doesNotContain("OTHER" + run);
    }
}
