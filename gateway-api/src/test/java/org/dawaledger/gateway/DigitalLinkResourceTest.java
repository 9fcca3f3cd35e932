package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.dawaledger.gateway.demo.DemoWorld;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DigitalLinkResourceTest {
    @Test
    void aPacksFullDigitalLinkResolvesToItsVerdict() {
        given().accept("application/json").when().get("/01/" + DemoWorld.GTIN + "/10/" + DemoWorld.LOT + "/21/"
                + DemoWorld.serial(8) + "?17=" + DemoWorld.EXPIRY).then().statusCode(200)
                .body("verdict.verdict", equalTo("ACTIVE")).body("identifier.serial", equalTo(DemoWorld.serial(8)))
                .body("identifier.lot", equalTo(DemoWorld.LOT));
    }

    @Test
    void aLinkWithOnlyTheSerialIsJudgedByTheSerial() {
        given().when().get("/01/" + DemoWorld.GTIN + "/21/" + DemoWorld.serial(1)).then().statusCode(200)
                .body("verdict.verdict", equalTo("ALREADY_SUPPLIED"));
    }

    @Test
    void aLinkWithOnlyTheLotChecksTheBatch() {
        given().when().get("/01/" + DemoWorld.GTIN + "/10/" + DemoWorld.RECALLED_LOT).then().statusCode(200)
                .body("verdict.verdict", equalTo("RECALLED")).body("verdict.level", equalTo("BATCH"));
    }

    @Test
    void aLinkWithNeitherSerialNorLotIsJudgedAtProductLevel() {
        given().when().get("/01/" + DemoWorld.GTIN).then().statusCode(200)
                .body("verdict.verdict", equalTo("LOT_REQUIRED")).body("verdict.level", equalTo("PRODUCT"))
                .body("verdict.productName", equalTo("Panadol"));
    }

    @Test
    void aLinkWhosePathPrefixHoldsAn01SegmentOfItsOwnResolvesToThePacksVerdict() {
        given().when().get("/01/shop/01/" + DemoWorld.GTIN + "/21/" + DemoWorld.serial(1)).then().statusCode(200)
                .body("verdict.verdict", equalTo("ALREADY_SUPPLIED")).body("identifier.gtin", equalTo(DemoWorld.GTIN));
    }

    @Test
    void aLinkWithAWrongCheckDigitIsA400ProblemNamingTheGtin() {
        final String wrong = DemoWorld.GTIN.substring(0, 13) + ((DemoWorld.GTIN.charAt(13) - '0' + 1) % 10);

        given().when().get("/01/" + wrong + "/21/" + DemoWorld.serial(2)).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_SCAN"))
                .body("field", equalTo("gtin"));
    }
}
