package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerifyResourceTest {
    private static final char GS = '\u001d';

    @Inject
    GatewayLedger ledger;

    private static ValidatableResponse verify(final Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/verify").then();
    }

    private static String bracketed(final String gtin, final String serial, final String lot) {
        return "(01)" + gtin + "(21)" + serial + "(10)" + lot + "(17)" + DemoWorld.EXPIRY;
    }

    @Test
    void aBracketedScanOfADemoPackIsActiveWithItsIdentifierAndBlock() {
        verify(Map.of("code", bracketed(DemoWorld.GTIN, DemoWorld.serial(2), DemoWorld.LOT))).statusCode(200)
                .body("verdict.verdict", equalTo("ACTIVE"))
                .body("verdict.productName", equalTo("Panadol"))
                .body("identifier.gtin", equalTo(DemoWorld.GTIN))
                .body("identifier.serial", equalTo(DemoWorld.serial(2)))
                .body("identifier.lot", equalTo(DemoWorld.LOT))
                .body("identifier.expiry", equalTo(DemoWorld.EXPIRY))
                .body("block", greaterThan(0));
    }

    @Test
    void aDataMatrixElementStringWithItsSymbologyIdentifierAndSeparatorsIsParsed() {
        final String scan = "]d201" + DemoWorld.GTIN + "21" + DemoWorld.serial(3) + GS + "10" + DemoWorld.LOT + GS
                + "17" + DemoWorld.EXPIRY;

        verify(Map.of("code", scan)).statusCode(200).body("verdict.verdict", equalTo("ACTIVE"))
                .body("identifier.serial", equalTo(DemoWorld.serial(3)));
    }

    @Test
    void aDigitalLinkIsParsed() {
        final String link = "https://id.gs1.org/01/" + DemoWorld.GTIN + "/10/" + DemoWorld.LOT + "/21/"
                + DemoWorld.serial(4) + "?17=" + DemoWorld.EXPIRY;

        verify(Map.of("code", link)).statusCode(200).body("verdict.verdict", equalTo("ACTIVE"))
                .body("identifier.serial", equalTo(DemoWorld.serial(4)));
    }

    @Test
    void aScanWithAGtinAndASerialButNoLotOrExpiryIsJudgedByTheSerial() {
        verify(Map.of("code", "]d201" + DemoWorld.GTIN + "21" + DemoWorld.serial(2))).statusCode(200)
                .body("verdict.verdict", equalTo("ACTIVE")).body("identifier.lot", equalTo(""))
                .body("identifier.expiry", equalTo(""));
    }

    @Test
    void aScanWithAGtinAloneIsJudgedAtProductLevelAndAsksForTheLot() {
        verify(Map.of("code", "]d201" + DemoWorld.GTIN)).statusCode(200)
                .body("verdict.verdict", equalTo("LOT_REQUIRED")).body("verdict.level", equalTo("PRODUCT"))
                .body("verdict.productName", equalTo("Panadol")).body("identifier.lot", equalTo(""));
    }

    @Test
    void aScanWithAGtinAndAnExpiryButNoLotIsJudgedAtProductLevelToo() {
        verify(Map.of("code", "(01)" + DemoWorld.GTIN + "(17)" + DemoWorld.EXPIRY)).statusCode(200)
                .body("verdict.verdict", equalTo("LOT_REQUIRED")).body("verdict.level", equalTo("PRODUCT"));
    }

    @Test
    void aScanWithoutALotWhoseExpiryIsNotADateIsAProblemNamingTheExpiry() {
        verify(Map.of("code", "(01)" + DemoWorld.GTIN + "(17)281331(21)" + DemoWorld.serial(2))).statusCode(400)
                .body("code", equalTo("INVALID_SCAN")).body("field", equalTo("expiry"));
    }

    @Test
    void aDataBarOrDotCodeScanWithALeadingByteOrderMarkIsParsed() {
        for (final String identifier : new String[] {"]e0", "]J1"}) {
            verify(Map.of("code", "\uFEFF" + identifier + "01" + DemoWorld.GTIN + "17" + DemoWorld.EXPIRY + "10"
                    + DemoWorld.LOT + GS + "21" + DemoWorld.serial(3) + "\r\n")).statusCode(200)
                    .body("verdict.verdict", equalTo("ACTIVE")).body("identifier.serial", equalTo(DemoWorld.serial(3)));
        }
    }

    @Test
    void aScanLongerThanTheParsersCapIsAProblemNotWork() {
        verify(Map.of("code", "(01)" + DemoWorld.GTIN + "(10)" + "(1".repeat(50_000))).statusCode(400)
                .body("code", equalTo("INVALID_SCAN")).body("field", equalTo("element_string"))
                .body("detail", containsString("at most 1000"));
    }

    @Test
    void theFieldsMayBeGivenSeparately() {
        verify(Map.of("gtin", DemoWorld.GTIN, "serial", DemoWorld.serial(5), "lot", DemoWorld.LOT, "expiry",
                DemoWorld.EXPIRY)).statusCode(200).body("verdict.verdict", equalTo("ACTIVE"));
    }

    @Test
    void aDispensedPackIsAlreadySuppliedAndTheAnswerDoesNotSayWhoSoldIt() {
        final String body = verify(Map.of("code", bracketed(DemoWorld.GTIN, DemoWorld.serial(1), DemoWorld.LOT)))
                .statusCode(200).body("verdict.verdict", equalTo("ALREADY_SUPPLIED")).extract().asString();

        assertThat(body).doesNotContain(DemoWorld.PHARMACY_GLN).doesNotContain(DemoWorld.MANUFACTURER_GLN)
                .doesNotContain("custodianGln").doesNotContain("decommissionedBy").doesNotContain("lastTxId");
    }

    @Test
    void aPackOfTheRecalledBatchIsRecalled() {
        verify(Map.of("code", bracketed(DemoWorld.GTIN, DemoWorld.recalledSerial(1), DemoWorld.RECALLED_LOT)))
                .statusCode(200).body("verdict.verdict", equalTo("RECALLED"));
    }

    @Test
    void theImportAwaitingClearanceIsNotReleased() {
        verify(Map.of("gtin", DemoWorld.IMPORTED_GTIN, "lot", DemoWorld.IMPORTED_LOT, "expiry", DemoWorld.EXPIRY))
                .statusCode(200).body("verdict.verdict", equalTo("NOT_RELEASED"))
                .body("verdict.level", equalTo("BATCH"));
    }

    @Test
    void aSerialNeverCommissionedIsAVerdictNotAnError() {
        verify(Map.of("code", bracketed(DemoWorld.GTIN, "FAKE0001", DemoWorld.LOT))).statusCode(200)
                .body("verdict.verdict", equalTo("UNKNOWN_SERIAL"));
    }

    @Test
    void aLotThatIsNotTheSerialsIsAMismatch() {
        verify(Map.of("code", bracketed(DemoWorld.GTIN, DemoWorld.serial(6), DemoWorld.RECALLED_LOT)))
                .statusCode(200).body("verdict.verdict", equalTo("LOT_MISMATCH"));
    }

    @Test
    void aScanWithAWrongCheckDigitIsA400ProblemNamingTheField() {
        final String wrong = DemoWorld.GTIN.substring(0, 13) + ((DemoWorld.GTIN.charAt(13) - '0' + 1) % 10);

        verify(Map.of("code", bracketed(wrong, DemoWorld.serial(2), DemoWorld.LOT))).statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_SCAN"))
                .body("field", equalTo("gtin")).body("status", equalTo(400));
    }

    @Test
    void aScanThatIsNotGs1IsA400Problem() {
        verify(Map.of("code", "hello pharmacist")).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_SCAN"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"code\":").when().post("/api/v1/verify").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void aBodyOfTheWrongTypesIsA400Problem() {
        given().contentType(ContentType.JSON).body("[1, 2]").when().post("/api/v1/verify").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void neitherACodeNorAGtinIsA400ProblemNamingTheCode() {
        verify(Map.of("lot", DemoWorld.LOT)).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_ARGUMENT")).body("field", equalTo("code"));
    }

    @Test
    void fieldsTheContractRefusesComeBackWithItsCode() {
        verify(Map.of("gtin", "123", "lot", DemoWorld.LOT)).statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_ARGUMENT")).body("detail", containsString("gtin"));
    }

    @Test
    void verifyingChangesNothingOnTheLedger() {
        final long height = ledger.ledger().height();

        verify(Map.of("code", bracketed(DemoWorld.GTIN, DemoWorld.serial(7), DemoWorld.LOT))).statusCode(200);
        verify(Map.of("code", bracketed(DemoWorld.GTIN, "FAKE0002", DemoWorld.LOT))).statusCode(200);

        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void theGatewayIsReadyWhenTheLedgerAnswers() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'ledger' }.status", equalTo("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesVerification() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/verify"));
    }
}
