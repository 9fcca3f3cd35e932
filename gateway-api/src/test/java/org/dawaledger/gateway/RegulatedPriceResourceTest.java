package org.dawaledger.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.grpc.v1.Verification;
import org.dawaledger.gateway.grpc.v1.VerifyReply;
import org.dawaledger.gateway.grpc.v1.VerifyRequest;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /api/v1/products/{gtin}/price (SetRegulatedPrice), and the price every verification answers. */
@QuarkusTest
class RegulatedPriceResourceTest {
    @Inject
    GatewayLedger ledger;

    @Inject
    GatewayConfig config;

    @GrpcClient("verification")
    Verification client;

    private Api api;

    @BeforeEach
    void signIn() {
        api = new Api(config.dataDir());
    }

    private String approvedProduct() {
        final String gtin = Api.newGtin();
        api.post("manufacturer", "/api/v1/products", Map.of("gtin", gtin, "name", "Brufen", "strength", "400 mg",
                "dosageForm", "tablet", "registrationNumber", "REG-" + gtin)).statusCode(200);
        api.post("regulator", "/api/v1/products/" + gtin + "/approval", Map.of("reason", "confirmed"))
                .statusCode(200);
        return gtin;
    }

    @Test
    void theRegulatorSetsAPriceThatTheProductAndAnAnonymousVerificationAnswer() {
        final String gtin = approvedProduct();
        api.post("regulator", "/api/v1/products/" + gtin + "/price", Map.of("paisa", "12050", "effectiveFrom",
                "2026-01-01", "reference", "S.R.O. 99(I)/2026")).statusCode(200)
                .body("result.gtin", equalTo(gtin)).body("result.prices[0].paisa", equalTo(12050));
        api.get("pharmacy", "/api/v1/products/" + gtin).statusCode(200)
                .body("regulatedPrices[0].effectiveFrom", equalTo("2026-01-01"));
        Api.anonymous().body(Map.of("gtin", gtin)).when().post("/api/v1/verify").then().statusCode(200)
                .body("verdict.regulatedPrice.paisa", equalTo(12050))
                .body("verdict.regulatedPrice.reference", equalTo("S.R.O. 99(I)/2026"));
    }

    @Test
    void theDemoPanadolCarriesItsPriceToTheAnonymousRestAndGrpcAnswers() {
        Api.anonymous().body(Map.of("gtin", DemoWorld.GTIN, "serial", DemoWorld.serial(2))).when()
                .post("/api/v1/verify").then().statusCode(200)
                .body("verdict.verdict", equalTo("ACTIVE"))
                .body("verdict.regulatedPrice.paisa", equalTo((int) DemoWorld.PRICE_PAISA))
                .body("verdict.regulatedPrice.effectiveFrom", equalTo(DemoWorld.PRICE_FROM));

        final VerifyReply reply = client.verify(VerifyRequest.newBuilder().setCode("(01)" + DemoWorld.GTIN + "(21)"
                + DemoWorld.serial(2) + "(10)" + DemoWorld.LOT + "(17)" + DemoWorld.EXPIRY).build()).await()
                .atMost(Duration.ofSeconds(30));
        assertThat(reply.hasRegulatedPrice()).isTrue();
        assertThat(reply.getRegulatedPrice().getPaisa()).isEqualTo(DemoWorld.PRICE_PAISA);
        assertThat(reply.getRegulatedPrice().getEffectiveFrom()).isEqualTo(DemoWorld.PRICE_FROM);
        assertThat(reply.getRegulatedPrice().getReference()).isEqualTo(DemoWorld.PRICE_REFERENCE);

        final VerifyReply unpriced = client.verify(VerifyRequest.newBuilder().setCode("(01)"
                + DemoWorld.IMPORTED_GTIN + "(10)" + DemoWorld.IMPORTED_LOT + "(17)" + DemoWorld.EXPIRY).build())
                .await().atMost(Duration.ofSeconds(30));
        assertThat(unpriced.getProductName()).isEqualTo("Augmentin");
        assertThat(unpriced.hasRegulatedPrice()).isFalse();
    }

    @Test
    void anotherPartyIsRefusedAsProblemJsonAndNothingChanges() {
        final String gtin = approvedProduct();
        final long height = ledger.ledger().height();
        for (final String party : new String[] {"manufacturer", "importer", "distributor", "pharmacy"}) {
            api.post(party, "/api/v1/products/" + gtin + "/price", Map.of("paisa", "100", "effectiveFrom",
                    "2026-01-01", "reference", "S.R.O. 1/2026")).statusCode(403)
                    .contentType("application/problem+json").body("code", equalTo("ROLE_NOT_PERMITTED"));
        }
        assertThat(ledger.ledger().height()).isEqualTo(height);
        api.get("regulator", "/api/v1/products/" + gtin).statusCode(200).body("$", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasKey("regulatedPrices")));
    }

    @Test
    void aPriceInRupeesOrAsAJsonNumberIsA400AndNothingChanges() {
        final String gtin = approvedProduct();
        final long height = ledger.ledger().height();
        api.post("regulator", "/api/v1/products/" + gtin + "/price", Map.of("paisa", "34.50", "effectiveFrom",
                "2026-01-01", "reference", "S.R.O. 1/2026")).statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_ARGUMENT"));
        api.post("regulator", "/api/v1/products/" + gtin + "/price", Map.of("paisa", "3450", "effectiveFrom",
                "2026-02-30", "reference", "S.R.O. 1/2026")).statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_ARGUMENT"));
        api.post("regulator", "/api/v1/products/" + gtin + "/price", Map.of("paisa", 3450, "effectiveFrom",
                "2026-01-01", "reference", "S.R.O. 1/2026")).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("paisa"));
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }
}
