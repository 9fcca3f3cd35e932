package org.dawaledger.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dawaledger.chaincode.DawaLedgerContract;
import org.dawaledger.gateway.auth.TokenStore;
import org.dawaledger.gateway.demo.DemoWorld;
import org.dawaledger.gateway.ledger.GatewayConfig;
import org.dawaledger.gateway.ledger.GatewayLedger;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every write of the API, found in its own OpenAPI description, tried with what should never change the ledger. */
@QuarkusTest
class BadInputTest {
    @Inject
    GatewayLedger ledger;

    @Inject
    GatewayConfig config;

    @TestHTTPResource("/api/v1/batches")
    URI recall;

    private Api api;

    /**
     * A write: its method, its path with sample values, and whether it takes a JSON body read whole (a serial upload
     * streams its body through a reader of its own, tried in SerialUploadResourceTest).
     */
    private record Write(String method, String path, boolean hasBody) {
    }

    @BeforeEach
    void signIn() {
        api = new Api(config.dataDir());
    }

    private static List<Write> writes() throws Exception {
        final JsonNode openApi = new ObjectMapper().readTree(given().accept(ContentType.JSON)
                .when().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        final List<Write> writes = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            final boolean isWrite = op.getKey().equals("post") || op.getKey().equals("put");
            if (isWrite && !path.getKey().equals("/api/v1/verify")) {
                final JsonNode content = op.getValue().path("requestBody").path("content");
                writes.add(new Write(op.getKey(), sample(path.getKey()), content.has("application/json")
                        && !content.has("text/csv")));
            }
        }));
        return writes;
    }

    private static String sample(final String template) {
        return template.replace("{gtin}", DemoWorld.GTIN).replace("{lot}", DemoWorld.LOT)
                .replace("{serial}", DemoWorld.serial(30)).replace("{gln}", DemoWorld.PHARMACY_GLN)
                .replace("{holderGln}", DemoWorld.PHARMACY_GLN).replaceAll("\\{[a-zA-Z]+}", "x");
    }

    @Test
    void theApiOffersEveryTransactionOfTheContract() throws Exception {
        final String openApi = given().accept(ContentType.JSON).when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString();
        final Set<String> offered = new TreeSet<>();
        final java.util.regex.Matcher named = Pattern.compile("\\(([A-Z][A-Za-z]+(, [A-Z][A-Za-z]+)*)\\)\"")
                .matcher(openApi);
        while (named.find()) {
            offered.addAll(List.of(named.group(1).split(", ")));
        }
        final List<String> transactions = Arrays.stream(
                DawaLedgerContract.class.getDeclaredMethods())
                .map(method -> method.getAnnotation(Transaction.class))
                .filter(Objects::nonNull).map(Transaction::name)
                .toList();
        assertThat(transactions).hasSizeGreaterThan(30);
        assertThat(offered).containsAll(transactions);
        assertThat(writes()).hasSizeGreaterThanOrEqualTo((int) Arrays.stream(
                DawaLedgerContract.class.getDeclaredMethods())
                .map(method -> method.getAnnotation(Transaction.class))
                .filter(t -> t != null && t.intent() == Transaction.TYPE.SUBMIT)
                .count());
    }

    @Test
    void everyWriteRefusesAnAnonymousCallerAndChangesNothing() throws Exception {
        final long height = ledger.ledger().height();
        for (final Write write : writes()) {
            given().contentType(ContentType.JSON).body("{}").when().request(write.method(), write.path()).then()
                    .statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
        }
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void everyWriteRefusesARevokedTokenAndChangesNothing() throws Exception {
        final String token = new TokenStore(config.dataDir()).issue("regulator");
        new TokenStore(config.dataDir()).revoke(token.substring(4, 12));
        final long height = ledger.ledger().height();
        for (final Write write : writes()) {
            given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{}").when()
                    .request(write.method(), write.path()).then().statusCode(401)
                    .body("code", equalTo("UNAUTHENTICATED"));
        }
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void everyWriteAnswersMalformedJsonWrongShapesAndUnknownFieldsWithA400AndChangesNothing() throws Exception {
        final long height = ledger.ledger().height();
        for (final Write write : writes()) {
            if (!write.hasBody()) {
                continue;
            }
            for (final String body : List.of("{\"reason\": ", "[]", "\"text\"", "{\"unexpected\": \"x\"}",
                    "{\"reason\": \"a\", \"reason\": \"b\"}", "{} {}")) {
                api.as("regulator").body(body).when().request(write.method(), write.path()).then()
                        .statusCode(400).contentType("application/problem+json").body("code",
                                equalTo("MALFORMED_JSON"));
            }
        }
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void aNumberWhereTextIsDueIsA400NamingTheFieldNotTextSilently() {
        final long height = ledger.ledger().height();
        api.as("regulator").body("{\"reason\": 12}").when().post("/api/v1/batches/" + DemoWorld.GTIN + "/"
                + DemoWorld.LOT + "/recall").then().statusCode(400).body("code", equalTo("MALFORMED_JSON"))
                .body("field", equalTo("reason"));
        api.post("manufacturer", "/api/v1/batches", Map.of("gtin", DemoWorld.GTIN, "lot", "N1", "expiry", "291231",
                "quantity", 5)).statusCode(400).body("field", equalTo("quantity"));
        api.post("pharmacy", "/api/v1/dispense", Map.of("packs", List.of(Map.of("gtin", 8960001000015L,
                "serial", "X")))).statusCode(400).body("code", equalTo("INVALID_ARGUMENT"));
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void aMissingBodyIsTheContractsOwnInvalidArgument() {
        final long height = ledger.ledger().height();
        api.as("regulator").when().post("/api/v1/batches/" + DemoWorld.GTIN + "/" + DemoWorld.LOT + "/recall")
                .then().statusCode(400).body("code", equalTo("INVALID_ARGUMENT"));
        api.as("manufacturer").body("{}").when().post("/api/v1/products").then().statusCode(400)
                .body("code", equalTo("INVALID_ARGUMENT"));
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void aHugeBodyIsRefusedBeforeItIsRead() throws Exception {
        final String huge = "{\"reason\": \"" + "x".repeat(34 * 1024 * 1024) + "\"}";
        final long height = ledger.ledger().height();
        final HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create(recall.toString() + "/" + DemoWorld.GTIN + "/" + DemoWorld.LOT + "/recall"))
                .header("Content-Type", "application/json").expectContinue(true)
                .header("Authorization", "Bearer " + new TokenStore(config.dataDir()).issue("regulator"))
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(ledger.ledger().height()).isEqualTo(height);
    }

    @Test
    void aWrongPartysWriteIsRefusedWithItsCodeAndChangesNothing() {
        final long height = ledger.ledger().height();
        api.post("pharmacy", "/api/v1/batches/" + DemoWorld.GTIN + "/" + DemoWorld.LOT + "/recall",
                Map.of("reason", "I say so")).statusCode(403).body("code", equalTo("ROLE_NOT_PERMITTED"));
        api.post("pharmacy", "/api/v1/products", Map.of("gtin", Api.newGtin(), "name", "X", "strength", "1",
                "dosageForm", "tablet", "registrationNumber", "R")).statusCode(403);
        api.post("distributor", "/api/v1/dispense", Map.of("packs", List.of(Map.of("gtin", DemoWorld.GTIN,
                "serial", DemoWorld.serial(30))))).statusCode(403).body("code", equalTo("ROLE_NOT_PERMITTED"));
        api.post("importer", "/api/v1/batches/" + DemoWorld.GTIN + "/" + DemoWorld.LOT + "/packs",
                Map.of("serials", List.of("ZZ1"))).statusCode(403);
        api.post("manufacturer", "/api/v1/products/" + DemoWorld.GTIN + "/withdrawal", Map.of("reason", "x"))
                .statusCode(403).body("code", equalTo("ROLE_NOT_PERMITTED"));
        assertThat(ledger.ledger().height()).isEqualTo(height);
        assertThat(given().contentType(ContentType.JSON).body(Map.of("gtin", DemoWorld.GTIN, "serial",
                DemoWorld.serial(30))).when().post("/api/v1/verify").then().extract().<String>path("verdict.verdict"))
                .isEqualTo("ACTIVE");
    }
}
