package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.dawaledger.gateway.demo.DemoWorld;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsTest {
    private static List<String> metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines().toList();
    }

    private static boolean hasLine(final List<String> lines, final String... parts) {
        return lines.stream().anyMatch(line -> java.util.Arrays.stream(parts).allMatch(line::contains));
    }

    @Test
    void everyChaincodeTransactionIsTimedWithItsOutcomeAndEveryEndpointToo() {
        given().contentType(ContentType.JSON).body(Map.of("gtin", DemoWorld.GTIN, "serial", DemoWorld.serial(40)))
                .when().post("/api/v1/verify").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("gtin", "123", "lot", DemoWorld.LOT))
                .when().post("/api/v1/verify").then().statusCode(400);

        final List<String> lines = metrics();

        assertThat(hasLine(lines, "dawaledger_chaincode_seconds_count", "transaction=\"VerifyPack\"",
                "kind=\"evaluate\"", "outcome=\"VALID\"")).as("VerifyPack answered").isTrue();
        assertThat(hasLine(lines, "dawaledger_chaincode_seconds_count", "transaction=\"VerifyPack\"",
                "outcome=\"INVALID_ARGUMENT\"")).as("VerifyPack refused, by its code").isTrue();
        assertThat(hasLine(lines, "dawaledger_chaincode_seconds_count", "transaction=\"InitLedger\"",
                "kind=\"submit\"", "outcome=\"VALID\"")).as("the demo world's writes").isTrue();
        assertThat(hasLine(lines, "http_server_requests_seconds_count", "uri=\"/api/v1/verify\"", "status=\"400\""))
                .as("the endpoint, by status").isTrue();
    }
}
