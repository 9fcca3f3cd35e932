package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DispenseResourceTest {
    @Inject
    GatewayLedger ledger;

    @Inject
    GatewayConfig config;

    private String token(final String participant) {
        return new TokenStore(config.dataDir()).issue(participant);
    }

    private static Map<String, Object> packs(final String serial) {
        return Map.of("packs", List.of(Map.of("gtin", DemoWorld.GTIN, "serial", serial)));
    }

    private static ValidatableResponse dispense(final String authorization, final Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        return request.when().post("/api/v1/dispense").then();
    }

    private String verdictOf(final String serial) {
        return given().contentType(ContentType.JSON).body(Map.of("gtin", DemoWorld.GTIN, "serial", serial))
                .when().post("/api/v1/verify").then().statusCode(200).extract().path("verdict.verdict");
    }

    @Test
    void aPharmacyDispensesAPackItHoldsAndASecondDispenseIsRefusedWithAnAlert() {
        final String pharmacy = "Bearer " + token("pharmacy");

        dispense(pharmacy, packs(DemoWorld.serial(9))).statusCode(200)
                .body("result[0].accepted", equalTo(true)).body("result[0].code", equalTo("SUPPLIED"))
                .body("validation", equalTo("VALID")).body("transactionId", notNullValue());
        assertThat(verdictOf(DemoWorld.serial(9))).isEqualTo("ALREADY_SUPPLIED");

        dispense(pharmacy, packs(DemoWorld.serial(9))).statusCode(200)
                .body("result[0].accepted", equalTo(false)).body("result[0].code", equalTo("ALREADY_SUPPLIED"))
                .body("result[0].alertId", notNullValue());
    }

    @Test
    void anAnonymousDispenseIsA401AndChangesNothing() {
        final long height = ledger.ledger().height();

        dispense(null, packs(DemoWorld.serial(10))).statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"dawaledger\""))
                .body("code", equalTo("UNAUTHENTICATED"));

        assertThat(ledger.ledger().height()).isEqualTo(height);
        assertThat(verdictOf(DemoWorld.serial(10))).isEqualTo("ACTIVE");
    }

    @Test
    void aForgedOrRevokedTokenIsA401() {
        final String issued = token("pharmacy");
        final String forged = issued.substring(0, issued.length() - 2) + "xx";
        dispense("Bearer " + forged, packs(DemoWorld.serial(10))).statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));

        new TokenStore(config.dataDir()).revoke(issued.substring(4, 12));

        dispense("Bearer " + issued, packs(DemoWorld.serial(10))).statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        assertThat(verdictOf(DemoWorld.serial(10))).isEqualTo("ACTIVE");
    }

    @Test
    void aManufacturerCannotDispenseAndTheContractsCodeComesBackAs403() {
        final long height = ledger.ledger().height();

        dispense("Bearer " + token("manufacturer"), packs(DemoWorld.serial(20))).statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("ROLE_NOT_PERMITTED"));

        assertThat(ledger.ledger().height()).isEqualTo(height);
        assertThat(verdictOf(DemoWorld.serial(20))).isEqualTo("ACTIVE");
    }

    @Test
    void aBodyWithoutPacksIsA400() {
        dispense("Bearer " + token("pharmacy"), Map.of("pack", "x")).statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"))
                .body("field", equalTo("pack"));
        dispense("Bearer " + token("pharmacy"), Map.of()).statusCode(400).body("code", equalTo("INVALID_ARGUMENT"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstOutcomeAndWritesOnce() {
        final String pharmacy = "Bearer " + token("pharmacy");
        final long height = ledger.ledger().height();

        final String first = given().contentType(ContentType.JSON).header("Authorization", pharmacy)
                .header("Idempotency-Key", "till-7-sale-1001").body(packs(DemoWorld.serial(41))).when()
                .post("/api/v1/dispense").then().statusCode(200).body("result[0].code", equalTo("SUPPLIED"))
                .extract().path("transactionId");
        given().contentType(ContentType.JSON).header("Authorization", pharmacy)
                .header("Idempotency-Key", "till-7-sale-1001").body(packs(DemoWorld.serial(41))).when()
                .post("/api/v1/dispense").then().statusCode(200).body("result[0].code", equalTo("SUPPLIED"))
                .body("transactionId", equalTo(first));

        assertThat(ledger.ledger().height()).isEqualTo(height + 1);
    }

    @Test
    void theSameIdempotencyKeyForAnotherRequestIsA422AndWritesNothing() {
        final String pharmacy = "Bearer " + token("pharmacy");
        given().contentType(ContentType.JSON).header("Authorization", pharmacy)
                .header("Idempotency-Key", "till-7-sale-1002").body(packs(DemoWorld.serial(42))).when()
                .post("/api/v1/dispense").then().statusCode(200);
        final long height = ledger.ledger().height();

        given().contentType(ContentType.JSON).header("Authorization", pharmacy)
                .header("Idempotency-Key", "till-7-sale-1002").body(packs(DemoWorld.serial(43))).when()
                .post("/api/v1/dispense").then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));

        assertThat(ledger.ledger().height()).isEqualTo(height);
        assertThat(verdictOf(DemoWorld.serial(43))).isEqualTo("ACTIVE");
    }

    @Test
    void withoutAKeyARetryIsASecondDispenseAndIsRefused() {
        final String pharmacy = "Bearer " + token("pharmacy");
        dispense(pharmacy, packs(DemoWorld.serial(44))).statusCode(200).body("result[0].code", equalTo("SUPPLIED"));

        dispense(pharmacy, packs(DemoWorld.serial(44))).statusCode(200)
                .body("result[0].code", equalTo("ALREADY_SUPPLIED"));
    }
}
