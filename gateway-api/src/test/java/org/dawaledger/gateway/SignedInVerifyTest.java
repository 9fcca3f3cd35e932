package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignedInVerifyTest {
    @Inject
    GatewayLedger ledger;

    @Inject
    GatewayConfig config;

    private RequestSpecification as(final String participant) {
        return given().header("Authorization", "Bearer " + new TokenStore(config.dataDir()).issue(participant))
                .contentType(ContentType.JSON);
    }

    private static Map<String, String> pack(final String serial) {
        return Map.of("gtin", DemoWorld.GTIN, "serial", serial, "lot", DemoWorld.LOT, "expiry", DemoWorld.EXPIRY);
    }

    @Test
    void aPharmacysFailedVerificationRaisesAnAlertAsThePharmacy() {
        final long height = ledger.ledger().height();

        as("pharmacy").body(pack("FAKE0100")).when().post("/api/v1/verify").then().statusCode(200)
                .body("verdict.verdict", equalTo("UNKNOWN_SERIAL"))
                .body("alert.alertId", notNullValue())
                .body("alert.code", equalTo("SUSPECT_REPORTED"))
                .body("alert.raisedBy", equalTo(DemoWorld.PHARMACY_GLN));

        assertThat(ledger.ledger().height()).isEqualTo(height + 1);
    }

    @Test
    void aFailedVerificationRetriedWithItsIdempotencyKeyWritesNothingMoreAndHearsTheFirstAlert() {
        final String token = new TokenStore(config.dataDir()).issue("pharmacy");
        final String first = given().header("Authorization", "Bearer " + token).header("Idempotency-Key", "till-7")
                .contentType(ContentType.JSON).body(pack("FAKE0101")).when().post("/api/v1/verify").then()
                .statusCode(200).body("verdict.verdict", equalTo("UNKNOWN_SERIAL")).extract().path("alert.alertId");
        final long height = ledger.ledger().height();

        given().header("Authorization", "Bearer " + token).header("Idempotency-Key", "till-7")
                .contentType(ContentType.JSON).body(pack("FAKE0101")).when().post("/api/v1/verify").then()
                .statusCode(200).body("verdict.verdict", equalTo("UNKNOWN_SERIAL"))
                .body("alert.alertId", equalTo(first));
        given().header("Authorization", "Bearer " + token).header("Idempotency-Key", "till-7")
                .contentType(ContentType.JSON).body(pack("FAKE0102")).when().post("/api/v1/verify").then()
                .statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));

        assertThat(ledger.ledger().height()).as("no block for either").isEqualTo(height);
    }

    @Test
    void aSignedInPartyHearsTheWholeAnswerAndAGoodPackRaisesNothing() {
        final long height = ledger.ledger().height();

        as("distributor").body(pack(DemoWorld.serial(30))).when().post("/api/v1/verify").then().statusCode(200)
                .body("verdict.verdict", equalTo("ACTIVE"))
                .body("verdict.message", notNullValue())
                .body("alert", nullValue());

        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void anAnonymousFailedVerificationRaisesNoAlert() {
        final long height = ledger.ledger().height();

        given().contentType(ContentType.JSON).body(pack("FAKE0101")).when().post("/api/v1/verify").then()
                .statusCode(200).body("verdict.verdict", equalTo("UNKNOWN_SERIAL")).body("alert", nullValue());

        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void aTokenThatIsNotOneOfTheGatewaysIsA401EvenForVerification() {
        given().header("Authorization", "Bearer dlt_00000000_forged").contentType(ContentType.JSON)
                .body(pack(DemoWorld.serial(31))).when().post("/api/v1/verify").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
    }
}
