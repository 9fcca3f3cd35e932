package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.grpc.v1.Verification;
import org.dawaledger.gateway.grpc.v1.VerificationGrpc;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.junit.jupiter.api.Test;

/**
 * With a bucket of 3 that practically never refills, the 4th anonymous verification from one address is refused, over
 * REST and gRPC alike.
 */
@QuarkusTest
@TestProfile(AnonymousRateLimitTest.TinyBucket.class)
class AnonymousRateLimitTest {
    public static final class TinyBucket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dawaledger.anonymous.burst", "3", "dawaledger.anonymous.per-second", "0.0001");
        }
    }

    @Inject
    GatewayConfig config;

    @GrpcClient("verification")
    VerificationGrpc.VerificationBlockingStub verification;

    @GrpcClient("verification")
    Verification streaming;

    private static Map<String, String> pack() {
        return Map.of("gtin", DemoWorld.GTIN, "serial", DemoWorld.serial(2), "lot", DemoWorld.LOT, "expiry",
                DemoWorld.EXPIRY);
    }

    @Test
    void pastItsBucketAnAnonymousClientIsRefusedOverRestAndGrpcWhileASignedInPartyGoesOn() {
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(pack()).when().post("/api/v1/verify").then().statusCode(200);
        }
        given().when().get("/01/" + DemoWorld.GTIN + "/21/" + DemoWorld.serial(2)).then().statusCode(200);

        given().contentType(ContentType.JSON).body(pack()).when().post("/api/v1/verify").then().statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
        given().when().get("/01/" + DemoWorld.GTIN + "/21/" + DemoWorld.serial(2)).then().statusCode(429);

        given().header("Authorization", "Bearer " + new TokenStore(config.dataDir()).issue("pharmacy"))
                .contentType(ContentType.JSON).body(pack()).when().post("/api/v1/verify").then().statusCode(200)
                .body("verdict.verdict", equalTo("ACTIVE"));

        // The same bucket over gRPC: the address has none left.
        final VerifyRequest scan = VerifyRequest.newBuilder().setGtin(DemoWorld.GTIN).setSerial(DemoWorld.serial(2))
                .build();
        final StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> verification.withDeadlineAfter(30, TimeUnit.SECONDS).verify(scan));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription()).startsWith("[RATE_LIMITED]");

        final List<VerifyReply> streamed = streaming.verifyStream(Multi.createFrom().items(scan, scan))
                .collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(streamed).extracting(reply -> reply.getProblem().getCode())
                .containsExactly("RATE_LIMITED", "RATE_LIMITED");
        assertThat(signedIn(verification).verify(scan).getVerdict()).isEqualTo("ACTIVE");
    }

    private VerificationGrpc.VerificationBlockingStub signedIn(final VerificationGrpc.VerificationBlockingStub stub) {
        return new Api(config.dataDir()).as(stub, "pharmacy");
    }
}
