package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.junit.jupiter.api.Test;

/** With a bucket of 3 that practically never refills, the 4th anonymous verification from one address is refused. */
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

    private static Map<String, String> pack() {
        return Map.of("gtin", DemoWorld.GTIN, "serial", DemoWorld.serial(2), "lot", DemoWorld.LOT, "expiry",
                DemoWorld.EXPIRY);
    }

    @Test
    void pastItsBucketAnAnonymousClientIsA429WithRetryAfterWhileASignedInPartyGoesOn() {
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
    }
}
